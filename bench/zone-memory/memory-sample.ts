import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapSpaceStatistics } from 'node:v8';

export interface MemorySample {
  /** V8 heap in use after forced collections, bytes. */
  heapUsed: number;
  /** Resident set size of the whole process, bytes. */
  rss: number;
  /** What V8 has reserved for its heap, used or not, bytes: RSS follows this more than heapUsed. */
  heapTotal: number;
  /** The part of the V8 heap actually in memory (physical size of all spaces), bytes. */
  heapResident: number;
  /**
   * The young generation's part of heapResident, bytes. How much of it is
   * touched follows the allocation rate (a busy tick loop), not what is kept,
   * and it is much of the gap between heapUsed and RSS growth.
   */
  newSpaceResident: number;
  /** Buffers and ArrayBuffers outside the V8 heap, bytes. */
  external: number;
}

/** Needs `node --expose-gc`; the worker is always started with it. */
function collector(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (the benchmark starts its workers so)');
  return gc;
}

/** One reading right after two full collections (the second frees what the first only unlinked). */
function sampleNow(): MemorySample {
  const gc = collector();
  gc();
  gc();
  const usage = process.memoryUsage();
  const spaces = getHeapSpaceStatistics();
  return {
    heapUsed: usage.heapUsed,
    rss: usage.rss,
    external: usage.external,
    heapTotal: usage.heapTotal,
    heapResident: spaces.reduce((sum, space) => sum + space.physical_space_size, 0),
    newSpaceResident: spaces.find((space) => space.space_name === 'new_space')?.physical_space_size ?? 0,
  };
}

/**
 * Several readings spaced out over ticks, each field's median: while the zone
 * runs, a reading can land mid-tick with that tick's work still alive.
 */
export async function sampleMedian(count: number, intervalMs: number): Promise<MemorySample> {
  const samples: MemorySample[] = [];
  for (let i = 0; i < count; i += 1) {
    if (i > 0) await sleep(intervalMs);
    samples.push(sampleNow());
  }
  const field = (pick: (sample: MemorySample) => number) => median(samples.map(pick));
  return {
    heapUsed: field((s) => s.heapUsed),
    rss: field((s) => s.rss),
    external: field((s) => s.external),
    heapTotal: field((s) => s.heapTotal),
    heapResident: field((s) => s.heapResident),
    newSpaceResident: field((s) => s.newSpaceResident),
  };
}

function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
