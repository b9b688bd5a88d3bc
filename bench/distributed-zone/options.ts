import { crowdSweepDefaults, SWEEP_USAGE, takeCrowdFlag, WINDOW_USAGE, type CrowdSweepOptions } from '../common/options/crowd-options.js';
import { number, OptionsError, parseFlags } from '../common/options/flags.js';

export interface DistributedOptions extends CrowdSweepOptions {
  /** The whole sweep is stopped (servers and bots killed) after this many minutes. */
  maxMinutes: number;
}

export const USAGE = `distributed-zone: the crowded-zone workload against Redis + one zone server + two gateways (docs/benchmarks.md)

  make bench-zone-distributed ARGS="..."   or   node bench/dist/distributed-zone/main.js [options]

  --players <list>        crowd sizes, comma-separated, each even (default 800,1600); half through each gateway
${WINDOW_USAGE}
  --decode-every <k>      only every k-th bot decodes what it receives (default 4: the bots share a core)
  --out <dir>             where the JSON and the table go (default bench/results)
${SWEEP_USAGE}
  --max-minutes <m>       stop everything after m minutes, whatever is running (default 30)
  --help                  this text`;

/** Parses argv (without node and script); throws OptionsError naming the option. Same spellings as crowded-zone's. */
export function parseOptions(argv: readonly string[], repoRoot: string): DistributedOptions | 'help' {
  const options: DistributedOptions = { ...crowdSweepDefaults(repoRoot, { players: [800, 1600], decodeEvery: 4 }), maxMinutes: 30 };
  const help = parseFlags(argv, (flag, value) => {
    if (flag === '--max-minutes') {
      options.maxMinutes = number('--max-minutes', value(), 1, 24 * 60);
      return true;
    }
    if (!takeCrowdFlag(options, flag, value, 2)) return false;
    if (flag === '--players' && options.players.some((players) => players % 2 !== 0))
      throw new OptionsError('--players takes even numbers (half the bots go to each gateway)');
    return true;
  });
  return help ?? options;
}
