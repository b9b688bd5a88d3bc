import { availableParallelism } from 'node:os';
import { parseArgsOrUsage, UsageError, wholeNumber as integer } from '../common/options/whole-numbers.js';

export interface CliOptions {
  connections: number;
  ratePerSecond: number;
  concurrency: number;
  warmupConnections: number;
  settleMs: number;
  serverCore: number;
  loadCore: number;
  startTimeoutMs: number;
  connectTimeoutMs: number;
  timeoutMs: number;
  postgresUrl?: string;
  outDir: string;
  help: boolean;
}

export const USAGE = `usage: make bench-gateway ARGS="[options]"   (node bench/dist/gateway-connections/main.js [options])

Idle authenticated Socket.IO connections held by the Aether gateway (embedded
server) and by a bare Socket.IO server, memory per connection side by side.

  --connections N       connections held at once (default 10000)
  --rate N              connections started per second at most (default 1000)
  --concurrency N       handshakes in flight at most (default 200)
  --warmup N            connections opened and closed before the idle reading (default 100)
  --settle-ms N         pause before each memory reading (default 3000)
  --server-core N       CPU the server runs on (default 0)
  --load-core N         CPU the load generator runs on (default 1)
  --postgres-url URL    PostgreSQL server to make the Aether database on (default: start a throw-away one)
  --out DIR             where the JSON result goes (default bench/results)
  --start-timeout-s N   for a server to start (default 120)
  --connect-timeout-ms N  per connection (default 20000)
  --timeout-s N         the whole run, after which everything is stopped (default 900)
  --help`;

export function parseOptions(argv: string[], defaultOutDir: string): CliOptions {
  const values = parseArgsOrUsage(argv, {
    connections: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '100' },
    'settle-ms': { type: 'string', default: '3000' },
    'server-core': { type: 'string', default: '0' },
    'load-core': { type: 'string', default: '1' },
    'postgres-url': { type: 'string' },
    out: { type: 'string', default: defaultOutDir },
    'start-timeout-s': { type: 'string', default: '120' },
    'connect-timeout-ms': { type: 'string', default: '20000' },
    'timeout-s': { type: 'string', default: '900' },
    help: { type: 'boolean', default: false },
  });
  const cores = availableParallelism();
  const options: CliOptions = {
    connections: integer('--connections', values.connections, 1, 1_000_000),
    ratePerSecond: integer('--rate', values.rate, 1, 100_000),
    concurrency: integer('--concurrency', values.concurrency, 1, 100_000),
    warmupConnections: integer('--warmup', values.warmup, 0, 100_000),
    settleMs: integer('--settle-ms', values['settle-ms'], 0, 600_000),
    serverCore: integer('--server-core', values['server-core'], 0, cores - 1),
    loadCore: integer('--load-core', values['load-core'], 0, cores - 1),
    startTimeoutMs: integer('--start-timeout-s', values['start-timeout-s'], 1, 3600) * 1000,
    connectTimeoutMs: integer('--connect-timeout-ms', values['connect-timeout-ms'], 100, 600_000),
    timeoutMs: integer('--timeout-s', values['timeout-s'], 10, 86_400) * 1000,
    outDir: values.out,
    help: values.help,
  };
  if (options.serverCore === options.loadCore) {
    throw new UsageError(`--server-core and --load-core must differ (both ${options.serverCore}): the load must not take the server's CPU`);
  }
  const url = values['postgres-url'];
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--postgres-url must start with postgres:// or postgresql://, got ${JSON.stringify(url)}`);
    options.postgresUrl = url;
  }
  return options;
}
