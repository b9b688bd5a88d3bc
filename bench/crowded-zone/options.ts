import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServerKind } from './servers/server-under-test.js';

export interface BenchOptions {
  players: number[];
  seconds: number;
  warmup: number;
  decodeEvery: number;
  servers: ServerKind[];
  serverRoot: string;
  out: string;
  seed: number;
  ramp: number;
  quiet: number;
}

export const USAGE = `crowded-zone: N walking bots against Aether and a bare Socket.IO baseline (docs/benchmarks.md)

  make bench-zone ARGS="..."   or   node bench/dist/crowded-zone/main.js [options]

  --players <list>        crowd sizes, comma-separated (default 100,200,400,800,1600)
  --seconds <s>           measurement window per run (default 10)
  --warmup <s>            warm-up before measuring (default 5)
  --decode-every <k>      only every k-th bot decodes what it receives (default 1: all)
  --only aether|baseline  run one server only
  --server-root <path>    run gateway/dist/main.js of another (built) checkout
  --out <dir>             where the JSON and SVG go (default bench/results)
  --seed <n>              placement and walking seed (default 1)
  --ramp <n>              new bot connections per second (default 200)
  --quiet <s>             before each run, wait up to s seconds for the two cores to be idle,
                          and repeat a run other processes disturbed once (default 120; 0: off)
  --help                  this text`;

export class OptionsError extends Error {}

/** Parses argv (without node and script); throws OptionsError with a message naming the option. */
export function parseOptions(argv: readonly string[], repoRoot: string): BenchOptions | 'help' {
  const options: BenchOptions = {
    players: [100, 200, 400, 800, 1600],
    seconds: 10,
    warmup: 5,
    decodeEvery: 1,
    servers: ['aether', 'baseline'],
    serverRoot: repoRoot,
    out: join(repoRoot, 'bench/results'),
    seed: 1,
    ramp: 200,
    quiet: 120,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) throw new OptionsError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--players':
        options.players = value()
          .split(',')
          .map((item) => integer('--players', item.trim(), 1, 20_000));
        if (options.players.length === 0) throw new OptionsError('--players needs at least one number');
        break;
      case '--seconds':
        options.seconds = number('--seconds', value(), 1, 3600);
        break;
      case '--warmup':
        options.warmup = number('--warmup', value(), 0, 3600);
        break;
      case '--decode-every':
        options.decodeEvery = integer('--decode-every', value(), 1, 10_000);
        break;
      case '--only': {
        const server = value();
        if (server !== 'aether' && server !== 'baseline') throw new OptionsError(`--only takes "aether" or "baseline", not ${JSON.stringify(server)}`);
        options.servers = [server];
        break;
      }
      case '--server-root': {
        const root = resolve(value());
        if (!existsSync(root) || !statSync(root).isDirectory()) throw new OptionsError(`--server-root: ${root} is not a directory`);
        if (!existsSync(join(root, 'gateway/dist/main.js'))) throw new OptionsError(`--server-root: ${root}/gateway/dist/main.js does not exist (build that checkout: make build)`);
        if (!existsSync(join(root, 'prisma/migrations'))) throw new OptionsError(`--server-root: ${root}/prisma/migrations does not exist`);
        options.serverRoot = root;
        break;
      }
      case '--out':
        options.out = resolve(value());
        break;
      case '--seed':
        options.seed = integer('--seed', value(), 0, 2 ** 31 - 1);
        break;
      case '--ramp':
        options.ramp = number('--ramp', value(), 1, 10_000);
        break;
      case '--quiet':
        options.quiet = number('--quiet', value(), 0, 3600);
        break;
      default:
        throw new OptionsError(`unknown option ${JSON.stringify(arg)} (--help lists them)`);
    }
  }
  return options;
}

function number(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < min || value > max) throw new OptionsError(`${flag} takes a number from ${min} to ${max}, not ${JSON.stringify(text)}`);
  return value;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = number(flag, text, min, max);
  if (!Number.isInteger(value)) throw new OptionsError(`${flag} takes whole numbers, not ${JSON.stringify(text)}`);
  return value;
}
