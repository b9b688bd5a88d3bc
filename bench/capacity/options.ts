import { join, resolve } from 'node:path';
import { integer, number, OptionsError, parseFlags } from '../common/options/flags.js';

/** One deployment of a run: this many zone servers and gateways on one Redis. */
export interface Layout {
  zoneServers: number;
  gateways: number;
}

export interface CapacityOptions {
  layouts: Layout[];
  /** Bots per zone server: every layout has the same load per zone server. */
  playersPerServer: number;
  /** Zones each zone server owns (ASSIGNED_ZONES); the bots of a server are spread evenly over them. */
  zonesPerServer: number;
  /** Side of the centred square the bots of each zone start in, metres. */
  area: number;
  /** Every n-th turn (a turn every ~2 s) a bot also says a line. */
  chatEvery: number;
  warmup: number;
  seconds: number;
  decodeEvery: number;
  seed: number;
  ramp: number;
  out: string;
  maxMinutes: number;
}

export const USAGE = `capacity: Redis and PostgreSQL load per player as zone servers and gateways are added (docs/capacity.md)

  make bench-capacity ARGS="..."   or   node bench/dist/capacity/main.js [options]

  --layouts <list>          deployments to run, each <zone servers>x<gateways>, one Redis each (default 1x1,2x2,3x2)
  --players-per-server <n>  bots per zone server, the same in every layout (default 60)
  --zones-per-server <n>    zones each zone server owns; its bots are spread evenly over them (default 2)
  --area <m>                side of the square, centred in each zone, the bots start in (default 400)
  --chat-every <n>          every n-th turn (one every ~2 s) a bot also says a line (default 10; 0: never)
  --seconds <s>             measurement window per layout (default 20)
  --warmup <s>              walking before the window (default 10)
  --decode-every <k>        only every k-th bot decodes what it receives (default 4)
  --seed <n>                placement and walking seed (default 1)
  --ramp <n>                new bot connections per second (default 100)
  --out <dir>               where the JSON and the table go (default bench/results)
  --max-minutes <m>         stop everything after m minutes, whatever is running (default 10)
  --help                    this text`;

/** Parses argv (without node and script); throws OptionsError naming the option. */
export function parseOptions(argv: readonly string[], repoRoot: string): CapacityOptions | 'help' {
  const options: CapacityOptions = {
    layouts: [
      { zoneServers: 1, gateways: 1 },
      { zoneServers: 2, gateways: 2 },
      { zoneServers: 3, gateways: 2 },
    ],
    playersPerServer: 60,
    zonesPerServer: 2,
    area: 400,
    chatEvery: 10,
    warmup: 10,
    seconds: 20,
    decodeEvery: 4,
    seed: 1,
    ramp: 100,
    out: join(repoRoot, 'bench/results'),
    maxMinutes: 10,
  };
  const help = parseFlags(argv, (flag, value) => {
    switch (flag) {
      case '--layouts':
        options.layouts = value().split(',').map(parseLayout);
        return true;
      case '--players-per-server':
        options.playersPerServer = integer(flag, value(), 1, 5000);
        return true;
      case '--zones-per-server':
        options.zonesPerServer = integer(flag, value(), 1, 20);
        return true;
      case '--area':
        options.area = number(flag, value(), 10, 1000);
        return true;
      case '--chat-every':
        options.chatEvery = integer(flag, value(), 0, 1000);
        return true;
      case '--seconds':
        options.seconds = number(flag, value(), 1, 3600);
        return true;
      case '--warmup':
        options.warmup = number(flag, value(), 0, 3600);
        return true;
      case '--decode-every':
        options.decodeEvery = integer(flag, value(), 1, 10_000);
        return true;
      case '--seed':
        options.seed = integer(flag, value(), 0, 2 ** 31 - 1);
        return true;
      case '--ramp':
        options.ramp = number(flag, value(), 1, 10_000);
        return true;
      case '--out':
        options.out = resolve(value());
        return true;
      case '--max-minutes':
        options.maxMinutes = number(flag, value(), 1, 24 * 60);
        return true;
      default:
        return false;
    }
  });
  if (options.layouts.length === 0) throw new OptionsError('--layouts needs at least one layout');
  if (options.playersPerServer < options.zonesPerServer) throw new OptionsError('--players-per-server must be at least --zones-per-server');
  return help ?? options;
}

function parseLayout(text: string): Layout {
  const match = /^(\d+)x(\d+)$/.exec(text.trim());
  if (!match) throw new OptionsError(`--layouts takes <zone servers>x<gateways> entries (e.g. 2x2), not ${JSON.stringify(text)}`);
  return { zoneServers: integer('--layouts', match[1]!, 1, 8), gateways: integer('--layouts', match[2]!, 1, 8) };
}
