import { join, resolve } from 'node:path';
import { integer, number, OptionsError } from './flags.js';

/** The options of every bench that sweeps crowd sizes with crowded-zone's bots (same spellings, same meaning). */
export interface CrowdSweepOptions {
  players: number[];
  seconds: number;
  warmup: number;
  decodeEvery: number;
  out: string;
  seed: number;
  ramp: number;
  quiet: number;
}

/** Usage lines of the shared options, for a bench's USAGE between its own. */
export const WINDOW_USAGE = `  --seconds <s>           measurement window per run (default 10)
  --warmup <s>            warm-up before measuring (default 5)`;
export const SWEEP_USAGE = `  --seed <n>              placement and walking seed (default 1)
  --ramp <n>              new bot connections per second (default 200)
  --quiet <s>             before each run, wait up to s seconds for the two cores to be idle,
                          and repeat a run other processes disturbed once (default 120; 0: off)`;

export function crowdSweepDefaults(repoRoot: string, defaults: { players: number[]; decodeEvery: number }): CrowdSweepOptions {
  return {
    players: defaults.players,
    seconds: 10,
    warmup: 5,
    decodeEvery: defaults.decodeEvery,
    out: join(repoRoot, 'bench/results'),
    seed: 1,
    ramp: 200,
    quiet: 120,
  };
}

/** Sets one of the shared options from its flag; false for a flag that is not one of them. */
export function takeCrowdFlag(options: CrowdSweepOptions, flag: string, value: () => string, minPlayers: number): boolean {
  switch (flag) {
    case '--players':
      options.players = value()
        .split(',')
        .map((item) => integer('--players', item.trim(), minPlayers, 20_000));
      if (options.players.length === 0) throw new OptionsError('--players needs at least one number');
      return true;
    case '--seconds':
      options.seconds = number('--seconds', value(), 1, 3600);
      return true;
    case '--warmup':
      options.warmup = number('--warmup', value(), 0, 3600);
      return true;
    case '--decode-every':
      options.decodeEvery = integer('--decode-every', value(), 1, 10_000);
      return true;
    case '--out':
      options.out = resolve(value());
      return true;
    case '--seed':
      options.seed = integer('--seed', value(), 0, 2 ** 31 - 1);
      return true;
    case '--ramp':
      options.ramp = number('--ramp', value(), 1, 10_000);
      return true;
    case '--quiet':
      options.quiet = number('--quiet', value(), 0, 3600);
      return true;
    default:
      return false;
  }
}
