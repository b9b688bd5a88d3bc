import { freePort } from '@aether/testing';
import { compiledScript } from '../paths.js';
import type { ProcessGroup } from '../../common/processes/process-group.js';
import type { TickWindowStats } from '../baseline/tick-stats.js';
import { WORKLOAD } from '../workload.js';
import type { TickProbe } from '../../common/measure/tick-report.js';
import type { ServerUnderTest } from './server-under-test.js';
import { getJson, waitUntilUp } from '../../common/processes/wait-until-up.js';

export interface BaselineProcessOptions {
  group: ProcessGroup;
  core: number;
}

const STOP_GRACE_MS = 5000;

/** The bare Socket.IO baseline (baseline/main.ts, compiled) as its own pinned process. */
export async function startBaseline(options: BaselineProcessOptions): Promise<ServerUnderTest> {
  const script = compiledScript('baseline/main.js');
  const port = await freePort();
  const child = options.group.spawn({
    label: 'baseline server',
    script,
    core: options.core,
    env: {
      PATH: process.env.PATH,
      BASELINE_PORT: String(port),
      TICK_RATE: String(WORKLOAD.tickRate),
      ZONE_SIZE: String(WORKLOAD.size),
      PERCEPTION: String(WORKLOAD.perception),
      MAX_SPEED: String(WORKLOAD.maxSpeed),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${url}/health`, child, 30_000);
  } catch (error) {
    await child.stop(STOP_GRACE_MS);
    throw new Error('the baseline server did not start', { cause: error });
  }

  const stats = async (from: number) => ({ at: performance.now(), ...(await getJson<TickWindowStats>(`${url}/stats?from=${from}`)) });

  return {
    kind: 'baseline',
    url,
    pid: child.pid,
    get alive() {
      return child.alive;
    },
    // The baseline has no database: the bot says where it stands.
    handshakeFor: (bot) => ({ x: bot.x, y: bot.y }),
    async beginTicks(): Promise<TickProbe> {
      const start = await stats(0);
      return {
        async finish() {
          const end = await stats(start.ticks);
          const seconds = (end.at - start.at) / 1000;
          return {
            ticks: end.count,
            seconds,
            rateHz: end.count / seconds,
            p50: { ms: end.p50Ms },
            p99: { ms: end.p99Ms },
            method: 'exact',
          };
        },
      };
    },
    describeExit: () => child.describeExit(),
    stop: () => child.stop(STOP_GRACE_MS),
  };
}
