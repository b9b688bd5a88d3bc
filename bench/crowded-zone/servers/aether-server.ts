import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@aether/testing';
import { zoneTicks } from '../../common/measure/zone-ticks.js';
import type { ProcessGroup } from '../../common/processes/process-group.js';
import { WORKLOAD } from '../workload.js';
import type { ServerUnderTest } from './server-under-test.js';
import { getJson, getText, waitUntilUp } from '../../common/processes/wait-until-up.js';

export interface AetherOptions {
  group: ProcessGroup;
  /** Checkout whose one-process game runs (built; see embeddedScript). */
  serverRoot: string;
  databaseUrl: string;
  core: number;
  startTimeoutMs?: number;
  /** Told about things worth knowing that do not stop the run (e.g. refined histogram buckets). */
  notice?: (line: string) => void;
}

const STOP_GRACE_MS = 15_000;

// Checkouts from before standalone/ ran the one-process game from gateway/dist; --server-root may name one.
const EMBEDDED_SCRIPTS = ['standalone/dist/main.js', 'gateway/dist/main.js'] as const;

/** The built one-process game of a checkout, or undefined when it is not built. */
export function embeddedScript(root: string): string | undefined {
  return EMBEDDED_SCRIPTS.map((script) => join(root, script)).find((script) => existsSync(script));
}

/**
 * Aether in embedded mode (gateway and every zone in one process,
 * `node standalone/dist/main.js`), on the bench's database, pinned to one core.
 */
export async function startAether(options: AetherOptions): Promise<ServerUnderTest> {
  const script = embeddedScript(options.serverRoot);
  if (!script) throw new Error(`${join(options.serverRoot, EMBEDDED_SCRIPTS[0])} does not exist: build that checkout first (make build)`);
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

  // The ops port, or (a checkout from before it) the players' port.
  let metricsUrl: Promise<string> | undefined;
  const ticks = zoneTicks({
    metricsUrl: () =>
      (metricsUrl ??= getText(`http://127.0.0.1:${opsPort}/metrics`).then(
        () => `http://127.0.0.1:${opsPort}/metrics`,
        () => `${url}/metrics`,
      )),
    zoneId: WORKLOAD.zoneId,
    server: 'Aether',
    ...(options.notice ? { notice: options.notice } : {}),
  });

  return {
    kind: 'aether',
    url,
    pid: child.pid,
    get alive() {
      return child.alive;
    },
    handshakeFor: () => ({}),
    beginTicks: () => ticks.begin(),
    describeExit: () => child.describeExit(),
    stop: () => child.stop(STOP_GRACE_MS),
  };
}
