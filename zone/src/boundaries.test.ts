import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The zone's layering (docs/design.md §1: pure core, thin I/O shell):
 *
 * - The simulation is a pure function of the world, the inputs and the step
 *   context, which is what lets a zone be checkpointed and resumed elsewhere.
 *   So outside the I/O shell nothing reads the clock, rolls its own dice,
 *   reads the environment or sets timers: wall-clock time comes from
 *   `context.now()`, chance from `context.random` (zone/src/world/system.ts).
 * - zone/src/world/ is the leaf kernel: it imports no other zone folder.
 *   Features register their components and effects with it by declaration
 *   merging (EntityComponents, PlayerComponents, WorldComponents, EffectMap).
 */

const src = fileURLToPath(new URL('.', import.meta.url));

/**
 * The I/O shell, relative to zone/src: the host and its tick loop, the
 * database, the process entry, the composition root (reads the environment),
 * zone ownership (Redis leases, timers), the Redis-backed party service and
 * allies publisher, and the LLM HTTP client. Their pure parts (party rules,
 * the allies sampler, prompts, budgets with an injected clock) stay scanned.
 */
const IO_SHELL = [
  'server/',
  'persistence/',
  'main.ts',
  'game/',
  'ownership/',
  'party/party-service.ts',
  'party/allies-publisher.ts',
  'npc/llm/chat-completions-client.ts',
];

const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/\bDate\.now\s*\(/, 'Date.now()'],
  // `new Date(ms)` only formats a time it is given; without an argument it reads the clock.
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
  [/(?<![.\w])Date\s*\(\s*\)/, 'Date()'],
  [/\bMath\.random\s*\(/, 'Math.random()'],
  [/\bperformance\.now\s*\(/, 'performance.now()'],
  [/\bprocess\.env\b/, 'process.env'],
  [/\bset(Timeout|Interval|Immediate)\s*\(/, 'a timer'],
];

/** Comments may name what is forbidden ("never Date.now() here"); only code counts. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** What in `text` makes a pure module impure, by name. */
function impurities(text: string): string[] {
  const body = code(text);
  return FORBIDDEN.filter(([pattern]) => pattern.test(body)).map(([, name]) => name);
}

/** Module specifiers in `text` that leave zone/src/world/ (imports, re-exports, `declare module`, `import()`). */
function importsOutsideKernel(text: string): string[] {
  const body = code(text);
  const specifiers = [...body.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bdeclare\s+module\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.filter((specifier) => specifier.startsWith('../'));
}

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sources(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))));
  return nested.flat().filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.test-helpers.ts'));
}

const path = (file: string) => relative(src, file).split(sep).join('/');
const inShell = (file: string) => IO_SHELL.some((entry) => (entry.endsWith('/') ? path(file).startsWith(entry) : path(file) === entry));

describe('zone layering', () => {
  it('the pure core reads no clock, no dice, no environment and sets no timers', async () => {
    const offenders: string[] = [];
    for (const file of await sources(src)) {
      if (inShell(file)) continue;
      for (const name of impurities(await readFile(file, 'utf8'))) offenders.push(`${path(file)}: ${name}`);
    }
    expect(offenders).toEqual([]);
  });

  it('zone/src/world/ is a leaf: it imports no feature folder', async () => {
    const offenders: string[] = [];
    for (const file of await sources(join(src, 'world'))) {
      for (const specifier of importsOutsideKernel(await readFile(file, 'utf8'))) offenders.push(`${path(file)}: ${specifier}`);
    }
    expect(offenders).toEqual([]);
  });

  it('every I/O shell entry still exists (a moved file must not slip out of the scan unnoticed)', async () => {
    const files = (await sources(src)).map(path);
    for (const entry of IO_SHELL) expect([entry, files.some((file) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry))]).toEqual([entry, true]);
  });
});

describe('the boundary scanner', () => {
  it('finds each forbidden call', () => {
    const text = [
      'const a = Date.now();',
      'const b = new Date();',
      'const c = Math.random() * 6;',
      'const d = performance.now();',
      'const e = process.env.ZONE_ID;',
      'setTimeout(() => {}, 5);',
      'const f = Date();',
    ].join('\n');
    expect(impurities(text).sort()).toEqual(['Date()', 'Date.now()', 'Math.random()', 'a timer', 'new Date()', 'performance.now()', 'process.env'].sort());
  });

  it('lets through what only looks alike: comments, a given time, an injected clock', () => {
    const text = [
      '/** Wall-clock ms from the step context (never Date.now() in a command). */',
      '// not Math.random() but context.random',
      'const at = new Date(ms).toISOString();',
      'const now = context.now();',
      'const roll = context.random();',
      "const url = 'http://example.test/'; // Date.now() in a trailing comment",
    ].join('\n');
    expect(impurities(text)).toEqual([]);
  });

  it('finds a kernel file reaching into a feature folder, however it does it', () => {
    const text = [
      "import type { Combatant } from '../combat/combatant.js';",
      "export { chat } from '../chat/chat-lines.js';",
      "declare module '../npc/npc-state.js' {}",
      "const lazy = await import('../wildlife/creature.js');",
      "import { gameEvent } from './types.js';",
      "import type { GameEvent } from '@aether/shared';",
    ].join('\n');
    expect(importsOutsideKernel(text)).toEqual(['../combat/combatant.js', '../chat/chat-lines.js', '../npc/npc-state.js', '../wildlife/creature.js']);
  });
});
