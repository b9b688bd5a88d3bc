import { freePort } from '@aether/testing';
import type { PinnedChild } from '../common/processes/child.js';
import type { ProcessGroup } from '../common/processes/process-group.js';
import { getJson, waitUntilUp } from '../common/processes/wait-until-up.js';
import { firstDead, repoScript, serverEnv, SHARED_CORE, spawnGateway, startPinnedRedis, ZONE_CORE } from '../distributed-zone/cluster.js';
import type { WorldPlan } from './world-plan.js';

const STOP_GRACE_MS = 15_000;

interface Server {
  id: string;
  pid: number;
  child: PinnedChild;
  /** Ops address: /metrics, /health (and /api/zones on a gateway). */
  opsUrl: string;
}

interface Gateway extends Server {
  /** The players' address. */
  url: string;
}

/** Redis, the plan's zone servers (each owning its zones) and its gateways: each its own process, pinned. */
export interface Deployment {
  redis: { url: string; pid: number };
  zoneServers: Array<Server & { zones: string[] }>;
  gateways: Gateway[];
  /** The first process that died, described; undefined while all run. */
  deadProcess(): string | undefined;
  stop(): Promise<void>;
}

export interface DeploymentOptions {
  group: ProcessGroup;
  repoRoot: string;
  databaseUrl: string;
  world: WorldPlan;
  log: (line: string) => void;
  startTimeoutMs?: number;
}

/**
 * Starts distributed-zone's deployment with any number of zone servers (core
 * 0, ASSIGNED_ZONES from the plan) and gateways (core 1, with Redis), and waits
 * until every gateway's registry says each zone is simulated by its planned
 * server. Stops what it started if any of that fails.
 */
export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const zoneScript = repoScript(options.repoRoot, 'zone/dist/main.js');
  const started: PinnedChild[] = [];
  let redis: Awaited<ReturnType<typeof startPinnedRedis>> | undefined;
  const stop = async () => {
    await Promise.all(started.map((child) => child.stop(STOP_GRACE_MS)));
    await redis?.redis.stop();
    redis?.release();
  };
  try {
    redis = await startPinnedRedis(options.group);
    const redisPid = redis.pid;
    const common = serverEnv(redis.redis.url, options.databaseUrl);
    const zoneServers: Deployment['zoneServers'] = [];
    for (const plan of options.world.zoneServers) {
      const opsPort = await freePort();
      const child = options.group.spawn({
        label: `zone server ${plan.serverId}`,
        script: zoneScript,
        core: ZONE_CORE,
        cwd: options.repoRoot,
        env: { ...common, SERVER_ID: plan.serverId, ASSIGNED_ZONES: plan.zones.join(','), METRICS_PORT: String(opsPort) },
      });
      started.push(child);
      zoneServers.push({ id: plan.serverId, zones: plan.zones, pid: child.pid, child, opsUrl: `http://127.0.0.1:${opsPort}` });
    }
    const gateways: Gateway[] = [];
    for (const id of options.world.gatewayIds) {
      const gateway = await spawnGateway(options.group, options.repoRoot, common, id);
      started.push(gateway.child);
      gateways.push(gateway);
    }

    for (const server of zoneServers) await waitUntilUp(`${server.opsUrl}/health`, server.child, timeoutMs);
    for (const gateway of gateways) await waitUntilUp(`${gateway.url}/health`, gateway.child, timeoutMs);
    await waitForOwnership(zoneServers, gateways, timeoutMs);
    options.log(
      `Redis :${redis.redis.port} and ${gateways.length} gateway(s) on core ${SHARED_CORE}; ${zoneServers.length} zone server(s) on core ${ZONE_CORE}: ` +
        zoneServers.map((server) => `${server.id} [${server.zones.join(', ')}]`).join(', '),
    );

    const everyone = [...zoneServers, ...gateways].map((server) => server.child);
    return {
      redis: { url: redis.redis.url, pid: redisPid },
      zoneServers,
      gateways,
      deadProcess: () => firstDead(everyone, redisPid),
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error('the capacity deployment did not start', { cause: error });
  }
}

/** Until every gateway's /api/zones says each planned zone is simulated by its server, alive. */
async function waitForOwnership(zoneServers: Deployment['zoneServers'], gateways: readonly Gateway[], timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const wanted = zoneServers.flatMap((server) => server.zones.map((zoneId) => ({ zoneId, serverId: server.id })));
  let last = '';
  while (performance.now() < deadline) {
    const dead = zoneServers.find((server) => !server.child.alive);
    if (dead) throw new Error(dead.child.describeExit());
    try {
      const views = await Promise.all(
        gateways.map((gateway) =>
          getJson<{ zones: Array<{ zoneId: string; simulatedBy: string | null; ownerAlive: boolean }> }>(`${gateway.opsUrl}/api/zones`),
        ),
      );
      const missing = wanted.filter(
        ({ zoneId, serverId }) => !views.every((view) => view.zones.some((z) => z.zoneId === zoneId && z.simulatedBy === serverId && z.ownerAlive)),
      );
      if (missing.length === 0) return;
      last = `not yet owned as planned: ${missing.map((m) => `${m.zoneId} by ${m.serverId}`).join(', ')}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the zone servers did not take their zones within ${timeoutMs} ms (last: ${last})`);
}
