import { getHeapSnapshot } from 'node:v8';

/** Heap by what holds it: constructor name for objects, a kind in parentheses for V8's own things. */
export type HeapCensus = Map<string, { count: number; bytes: number }>;

export interface BreakdownRow {
  what: string;
  count: number;
  bytes: number;
}

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

/**
 * Takes a heap snapshot (which collects garbage first) and sums self sizes
 * by constructor. Heavy: it holds the whole snapshot while it counts, so it
 * runs in a worker of its own, never in one whose numbers are reported.
 */
export async function takeCensus(): Promise<HeapCensus> {
  const chunks: Buffer[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer);
  let snapshot: SnapshotJson;
  try {
    snapshot = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SnapshotJson;
  } catch (error) {
    throw new Error('could not read the heap snapshot (too large for one string?)', { cause: error });
  }
  chunks.length = 0;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  if (typeAt < 0 || nameAt < 0 || sizeAt < 0) throw new Error(`unexpected heap snapshot layout: ${fields.join(', ')}`);
  const census: HeapCensus = new Map();
  const { nodes, strings } = snapshot;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]!] ?? 'unknown';
    const key = keyOf(type, strings[nodes[i + nameAt]!] ?? '');
    const entry = census.get(key);
    const bytes = nodes[i + sizeAt]!;
    if (entry) {
      entry.count += 1;
      entry.bytes += bytes;
    } else {
      census.set(key, { count: 1, bytes });
    }
  }
  return census;
}

function keyOf(type: string, name: string): string {
  if (type === 'object') return name || '(anonymous object)';
  if (STRING_TYPES.has(type)) return '(string)';
  if (type === 'closure') return '(closure)';
  if (type === 'code') return '(compiled code)';
  if (type === 'number' || type === 'heap number') return '(number)';
  // Arrays, hidden and native objects are named by role, e.g. "(object properties)", "system / Context".
  return `(${type}) ${name.slice(0, 60)}`;
}

/** What grew from `before` to `after`, largest first. */
export function censusGrowth(before: HeapCensus, after: HeapCensus, top: number): BreakdownRow[] {
  const rows: BreakdownRow[] = [];
  for (const [what, now] of after) {
    const then = before.get(what) ?? { count: 0, bytes: 0 };
    rows.push({ what, count: now.count - then.count, bytes: now.bytes - then.bytes });
  }
  return rows.sort((a, b) => b.bytes - a.bytes).slice(0, top);
}
