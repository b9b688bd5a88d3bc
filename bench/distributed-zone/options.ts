import { join, resolve } from 'node:path';

export interface DistributedOptions {
  players: number[];
  seconds: number;
  warmup: number;
  decodeEvery: number;
  out: string;
  seed: number;
  ramp: number;
  quiet: number;
  /** The whole sweep is stopped (servers and bots killed) after this many minutes. */
  maxMinutes: number;
}

export const USAGE = `distributed-zone: the crowded-zone workload against Redis + one zone server + two gateways (docs/benchmarks.md)

  make bench-zone-distributed ARGS="..."   or   node bench/dist/distributed-zone/main.js [options]

  --players <list>        crowd sizes, comma-separated, each even (default 800,1600); half through each gateway
  --seconds <s>           measurement window per run (default 10)
  --warmup <s>            warm-up before measuring (default 5)
  --decode-every <k>      only every k-th bot decodes what it receives (default 4: the bots share a core)
  --out <dir>             where the JSON and the table go (default bench/results)
  --seed <n>              placement and walking seed (default 1)
  --ramp <n>              new bot connections per second (default 200)
  --quiet <s>             before each run, wait up to s seconds for the two cores to be idle,
                          and repeat a run other processes disturbed once (default 120; 0: off)
  --max-minutes <m>       stop everything after m minutes, whatever is running (default 30)
  --help                  this text`;

export class OptionsError extends Error {}

/** Parses argv (without node and script); throws OptionsError naming the option. Same spellings as crowded-zone's. */
export function parseOptions(argv: readonly string[], repoRoot: string): DistributedOptions | 'help' {
  const options: DistributedOptions = {
    players: [800, 1600],
    seconds: 10,
    warmup: 5,
    decodeEvery: 4,
    out: join(repoRoot, 'bench/results'),
    seed: 1,
    ramp: 200,
    quiet: 120,
    maxMinutes: 30,
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
          .map((item) => integer('--players', item.trim(), 2, 20_000));
        if (options.players.some((players) => players % 2 !== 0)) throw new OptionsError('--players takes even numbers (half the bots go to each gateway)');
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
      case '--max-minutes':
        options.maxMinutes = number('--max-minutes', value(), 1, 24 * 60);
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
