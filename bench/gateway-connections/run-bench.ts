import { createTestDatabase, startPostgresServer, type PostgresServer, type TestDatabase } from '@aether/testing';
import { ChildProcesses } from './child-processes.js';
import { describeMachine, type Machine } from '../common/machine.js';
import { measureServer, type MeasureSettings, type ServerMeasurement } from './measure-server.js';
import { repoRoot } from './paths.js';

export interface GatewayBenchOptions extends MeasureSettings {
  /** A PostgreSQL server URL to make the Aether database on; without it a throw-away server is started. */
  postgresUrl?: string;
  log?: (line: string) => void;
  /** Aborting stops every process at once; the run then rejects after cleaning up (database, temporary PostgreSQL). */
  signal?: AbortSignal;
}

const TARGET_RATIO = 1.5;
/** A process using more than this share of its pinned core was, or nearly was, the limit on connect time. */
export const SATURATED_SHARE = 0.9;

export interface GatewayBenchResult {
  benchmark: 'gateway-connections';
  startedAt: string;
  machine: Machine;
  settings: MeasureSettings;
  baseline: ServerMeasurement;
  aether: ServerMeasurement;
  /** Aether per connection ÷ bare Socket.IO per connection. */
  ratio: { rss: number; rssSecondHalf: number; heapUsed: number };
  target: { maxRssRatio: number; met: boolean };
  /** True when the load generator ran near a full core while connecting either server: connect times are then its, not the server's. */
  loadBound: boolean;
}

/**
 * The whole benchmark: a PostgreSQL for the Aether server, then the bare
 * Socket.IO baseline and the Aether gateway measured one after the other on
 * the same core with the same load. Every process it started is stopped
 * before it returns or throws.
 */
export async function runGatewayConnectionsBench(options: GatewayBenchOptions): Promise<GatewayBenchResult> {
  const { postgresUrl, log = () => {}, signal, ...settings } = options;
  const startedAt = new Date().toISOString();
  const root = repoRoot();
  const children = new ChildProcesses();
  // Whatever the run is waiting on fails as soon as its processes are gone, and the finally below cleans up.
  const onAbort = () => void children.stopAll(1000);
  signal?.addEventListener('abort', onAbort, { once: true });
  let postgres: PostgresServer | undefined;
  let database: TestDatabase | undefined;
  try {
    signal?.throwIfAborted();
    if (postgresUrl) {
      database = await createTestDatabase(postgresUrl);
    } else {
      log('starting a throw-away PostgreSQL for the Aether server');
      postgres = await startPostgresServer();
      database = await createTestDatabase(postgres.url);
    }
    signal?.throwIfAborted();
    const baseline = await measureServer('bare', settings, { children, root, log });
    signal?.throwIfAborted();
    const aether = await measureServer('aether', settings, { children, root, databaseUrl: database.url, log });
    const ratio = {
      rss: aether.rss.perConnection / baseline.rss.perConnection,
      rssSecondHalf: aether.rss.secondHalfPerConnection / baseline.rss.secondHalfPerConnection,
      heapUsed: aether.heapUsed.perConnection / baseline.heapUsed.perConnection,
    };
    return {
      benchmark: 'gateway-connections',
      startedAt,
      machine: describeMachine(),
      settings,
      baseline,
      aether,
      ratio,
      target: { maxRssRatio: TARGET_RATIO, met: baseline.rss.perConnection > 0 && ratio.rss <= TARGET_RATIO },
      loadBound: [baseline, aether].some((server) => server.connect.loadCpuShare > SATURATED_SHARE),
    };
  } catch (error) {
    if (signal?.aborted) throw new Error('the run was stopped', { cause: signal.reason });
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await children.dispose();
    await database?.drop().catch((error: unknown) => log(`could not drop the benchmark database: ${String(error)}`));
    await postgres?.stop();
  }
}
