import { availableParallelism } from 'node:os';
import { parseArgsOrUsage, UsageError, wholeNumber as integer } from '../common/options/whole-numbers.js';
import type { ZoneMemorySettings } from './run-bench.js';

export interface CliOptions {
  settings: ZoneMemorySettings;
  outDir: string;
  timeoutMs: number;
  help: boolean;
}

export const USAGE = `usage: make bench-memory ARGS="[options]"   (node bench/dist/zone-memory/main.js [options])

Memory per player of one zone host (in-process bus, one 1000 × 1000 m zone),
beside the same players held as a Map of plain objects.

  --players LIST        comma-separated player counts (default 500,1000,2000)
  --walk-s N            seconds the players walk before the reading (default 5)
  --warmup-players N    players who join, walk and leave before the empty reading (default 20)
  --gateways N          gateway ids the players are spread over (default 4)
  --tick-rate N         ticks per second (default 20)
  --target-kb N         memory retained per player allowed (heap + external), KiB (default 20)
  --breakdown WHEN      heap snapshot census: auto (when over target), always, never (default auto)
  --core N              CPU the workers run on (default 0)
  --out DIR             where the JSON result goes (default bench/results)
  --timeout-s N         the whole run, after which everything is stopped (default 900)
  --help`;

export function parseOptions(argv: string[], defaultOutDir: string): CliOptions {
  const values = parseArgsOrUsage(argv, {
    players: { type: 'string', default: '500,1000,2000' },
    'walk-s': { type: 'string', default: '5' },
    'warmup-players': { type: 'string', default: '20' },
    gateways: { type: 'string', default: '4' },
    'tick-rate': { type: 'string', default: '20' },
    'target-kb': { type: 'string', default: '20' },
    breakdown: { type: 'string', default: 'auto' },
    core: { type: 'string', default: '0' },
    out: { type: 'string', default: defaultOutDir },
    'timeout-s': { type: 'string', default: '900' },
    help: { type: 'boolean', default: false },
  });
  const players = values.players.split(',').map((part) => integer('--players', part, 1, 100_000));
  if (new Set(players).size !== players.length) throw new UsageError(`--players lists a count twice: ${values.players}`);
  const breakdown = values.breakdown;
  if (breakdown !== 'auto' && breakdown !== 'always' && breakdown !== 'never') {
    throw new UsageError(`--breakdown must be auto, always or never, got ${JSON.stringify(breakdown)}`);
  }
  const walkMs = integer('--walk-s', values['walk-s'], 1, 3600) * 1000;
  return {
    settings: {
      players,
      walkMs,
      warmupPlayers: integer('--warmup-players', values['warmup-players'], 0, 10_000),
      warmupWalkMs: 2000,
      zoneSize: 1000,
      tickRate: integer('--tick-rate', values['tick-rate'], 1, 120),
      gateways: integer('--gateways', values.gateways, 1, 1000),
      speed: 3,
      turnEverySeconds: 1,
      samples: 5,
      sampleIntervalMs: 150,
      core: integer('--core', values.core, 0, availableParallelism() - 1),
      targetBytes: integer('--target-kb', values['target-kb'], 1, 1_000_000) * 1024,
      breakdown,
      workerTimeoutMs: 120_000 + walkMs * 2,
      seed: 1,
    },
    outDir: values.out,
    timeoutMs: integer('--timeout-s', values['timeout-s'], 10, 86_400) * 1000,
    help: values.help,
  };
}
