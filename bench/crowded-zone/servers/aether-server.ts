import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@aether/shared/testing';
import { parseExposition } from '../measure/prometheus-text.js';
import { histogramDelta, histogramQuantile, histogramSeries, type HistogramSnapshot } from '../measure/tick-histogram.js';
import type { ProcessGroup } from '../processes/process-group.js';
import { WORKLOAD } from '../workload.js';
import type { ServerUnderTest, TickProbe } from './server-under-test.js';
import { getJson, getText, waitUntilUp } from './wait-until-up.js';

export interface AetherOptions {
  group: ProcessGroup;
  /** Checkout whose gateway/dist/main.js runs (built). */
  serverRoot: string;
  databaseUrl: string;
  core: number;
  startTimeoutMs?: number;
  /** Told about things worth knowing that do not stop the run (e.g. refined histogram buckets). */
  notice?: (line: string) => void;
}

/** The tick histogram the bench reads (docs/metrics.md); its buckets are expected to be these, in seconds. */
export const TICK_HISTOGRAM = 'aether_zone_tick_duration_seconds';
export const EXPECTED_TICK_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1];

const STOP_GRACE_MS = 15_000;

/**
 * Aether in embedded mode (gateway and every zone in one process,
 * `node gateway/dist/main.js`), on the bench's database, pinned to one core.
 */
export async function startAether(options: AetherOptions): Promise<ServerUnderTest> {
  const script = join(options.serverRoot, 'gateway/dist/main.js');
  if (!existsSync(script)) throw new Error(`${script} does not exist: build that checkout first (make build)`);
  const port = await freePort();
  const opsPort = await freePort();
  const child = options.group.spawn({
    label: 'Aether server',
    script,
    core: options.core,
    cwd: options.serverRoot,
    // Only what the server needs: no REDIS_URL (embedded mode refuses it), no NPC_LLM_* from the caller's shell.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: options.databaseUrl,
      GATEWAY_PORT: String(port),
      LOG_LEVEL: 'warn',
      TICK_RATE: String(WORKLOAD.tickRate),
      SERVER_ID: 'crowded-zone-bench',
      // The bots log in as dev:<name>; the server refuses dev login without this opt-in.
      ALLOW_DEV_LOGIN: '1',
      // /metrics on an ops port of its own (older checkouts ignore it and serve /metrics on GATEWAY_PORT).
      METRICS_PORT: String(opsPort),
      // Every bot connects from 127.0.0.1: no per-address connection cap.
      LIMIT_CONNECTIONS_PER_IP: '1000000',
    },
    // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under this load.
    nodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${url}/health`, child, options.startTimeoutMs ?? 90_000);
    const info = await getJson<{ zones?: string[] }>(`${url}/api/info`);
    if (!info.zones?.includes(WORKLOAD.zoneId)) {
      throw new Error(`the server does not simulate zone "${WORKLOAD.zoneId}" (it runs ${info.zones?.join(', ') ?? 'no zones'})`);
    }
  } catch (error) {
    await child.stop(STOP_GRACE_MS);
    throw new Error('the Aether server did not start', { cause: error });
  }

  let bucketsChecked = false;
  let metricsUrl: string | undefined;
  const scrape = async (): Promise<{ at: number; histogram: HistogramSnapshot }> => {
    // The ops port, or (a checkout from before it) the players' port.
    metricsUrl ??= await getText(`http://127.0.0.1:${opsPort}/metrics`).then(
      () => `http://127.0.0.1:${opsPort}/metrics`,
      () => `${url}/metrics`,
    );
    const text = await getText(metricsUrl);
    const at = performance.now();
    try {
      const histogram = histogramSeries(parseExposition(text), TICK_HISTOGRAM, { zone: WORKLOAD.zoneId });
      const finite = histogram.bounds.filter((bound) => bound !== Infinity);
      if (!bucketsChecked && finite.join() !== EXPECTED_TICK_BUCKETS.join()) {
        // Still a valid histogram: the percentiles are interpolated in whatever buckets it has.
        options.notice?.(`${TICK_HISTOGRAM} has buckets ${finite.map((bound) => bound * 1000).join(', ')} ms, not the documented ${EXPECTED_TICK_BUCKETS.map((bound) => bound * 1000).join(', ')}`);
      }
      bucketsChecked = true;
      return { at, histogram };
    } catch (error) {
      throw new Error(`cannot read Aether's tick statistics from ${url}/metrics: the bench needs the histogram ${TICK_HISTOGRAM}{zone="${WORKLOAD.zoneId}"}`, {
        cause: error,
      });
    }
  };

  return {
    kind: 'aether',
    url,
    pid: child.pid,
    get alive() {
      return child.alive;
    },
    handshakeFor: () => ({}),
    async beginTicks(): Promise<TickProbe> {
      const start = await scrape();
      return {
        async finish() {
          const end = await scrape();
          const window = histogramDelta(start.histogram, end.histogram);
          const seconds = (end.at - start.at) / 1000;
          return {
            ticks: window.count,
            seconds,
            rateHz: window.count / seconds,
            p50: histogramQuantile(window, 0.5),
            p99: histogramQuantile(window, 0.99),
            method: 'bucket-interpolated',
            buckets: window.bounds.filter((bound) => bound !== Infinity),
          };
        },
      };
    },
    describeExit: () => child.describeExit(),
    stop: () => child.stop(STOP_GRACE_MS),
  };
}
