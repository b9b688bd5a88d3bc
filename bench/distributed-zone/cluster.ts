import { execFileSync } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startRedisServer, type RedisServer } from '@aether/testing';
import type { PinnedChild } from '../common/processes/child.js';
import { processAlive } from '../common/processes/process-alive.js';
import { childProcesses, type ProcessGroup } from '../common/processes/process-group.js';
import { getJson, waitUntilUp } from '../common/processes/wait-until-up.js';
import { WORKLOAD } from '../crowded-zone/workload.js';

/** Cores: the zone server alone on one; Redis, both gateways and the bots share the other (a 2-core machine). */
export const ZONE_CORE = 0;
export const SHARED_CORE = 1;

export const ZONE_SERVER_ID = 'bench-zone';
export const GATEWAY_IDS = ['gw-a', 'gw-b'] as const;

const STOP_GRACE_MS = 15_000;

export interface Gateway {
  id: string;
  url: string;
  /** Its ops port: /metrics and /api/zones (never on the players' port). */
  opsUrl: string;
  pid: number;
  child: PinnedChild;
}

/** Redis, one zone server owning bench-field, two gateways: each its own process, pinned. */
export interface Cluster {
  redis: { url: string; port: number; pid: number };
  zone: { pid: number; metricsUrl: string; child: PinnedChild };
  gateways: Gateway[];
  /** The first process that died, described; undefined while all run. */
  deadProcess(): string | undefined;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  group: ProcessGroup;
  repoRoot: string;
  databaseUrl: string;
  startTimeoutMs?: number;
  log: (line: string) => void;
}

/**
 * Starts the distributed deployment of the zone on this machine and waits
 * until a gateway's registry says the zone server simulates bench-field and
 * the zone's tick histogram has a bench-field series. Stops what it started
 * if any of that fails.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
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
    const common = serverEnv(redis.redis.url, options.databaseUrl);
    const metricsPort = await freePort();
    const zone = options.group.spawn({
      label: 'zone server',
      script: zoneScript,
      core: ZONE_CORE,
      cwd: options.repoRoot,
      env: { ...common, SERVER_ID: ZONE_SERVER_ID, ASSIGNED_ZONES: WORKLOAD.zoneId, METRICS_PORT: String(metricsPort) },
      nodeArgs: (process.env.BENCH_ZONE_NODE_ARGS ?? '').split(' ').filter(Boolean),
    });
    started.push(zone);
    const gateways: Gateway[] = [];
    for (const id of GATEWAY_IDS) {
      const gateway = await spawnGateway(options.group, options.repoRoot, common, id);
      started.push(gateway.child);
      gateways.push(gateway);
    }

    const metricsUrl = `http://127.0.0.1:${metricsPort}`;
    await waitUntilUp(`${metricsUrl}/health`, zone, timeoutMs);
    for (const gateway of gateways) await waitUntilUp(`${gateway.url}/health`, gateway.child, timeoutMs);
    await waitForOwnership(metricsUrl, gateways, zone, timeoutMs);
    options.log(
      `Redis :${redis.redis.port}, zone server (metrics :${metricsPort}) on core ${ZONE_CORE}, gateways ${gateways.map((g) => g.url).join(', ')} and Redis on core ${SHARED_CORE}`,
    );

    const everyone = [zone, ...gateways.map((gateway) => gateway.child)];
    const redisPid = redis.pid;
    return {
      redis: { url: redis.redis.url, port: redis.redis.port, pid: redisPid },
      zone: { pid: zone.pid, metricsUrl, child: zone },
      gateways,
      deadProcess: () => firstDead(everyone, redisPid),
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error('the distributed cluster did not start', { cause: error });
  }
}

/** Until each gateway's /api/zones says the zone server simulates bench-field, alive. */
async function waitForOwnership(metricsUrl: string, gateways: readonly Gateway[], zone: PinnedChild, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = '';
  while (performance.now() < deadline) {
    if (!zone.alive) throw new Error(zone.describeExit());
    try {
      const health = await getJson<{ zones?: string[] }>(`${metricsUrl}/health`);
      const views = await Promise.all(
        gateways.map((gateway) =>
          getJson<{ zones: Array<{ zoneId: string; simulatedBy: string | null; ownerAlive: boolean }> }>(`${gateway.opsUrl}/api/zones`),
        ),
      );
      const owned = views.every((view) => view.zones.some((z) => z.zoneId === WORKLOAD.zoneId && z.simulatedBy === ZONE_SERVER_ID && z.ownerAlive));
      if (health.zones?.includes(WORKLOAD.zoneId) && owned) return;
      last = `zone /health zones: ${JSON.stringify(health.zones)}; gateways see: ${JSON.stringify(views.map((view) => view.zones.find((z) => z.zoneId === WORKLOAD.zoneId) ?? null))}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the zone server did not take ${WORKLOAD.zoneId} within ${timeoutMs} ms (last: ${last}); its output:\n${zone.output() || '(none)'}`);
}

/** The redis-server this process started listening on `port` (its title names the port). */
/** Redis on the shared core (every thread), adopted by the process group so a killed bench leaves no scratch directory. */
export async function startPinnedRedis(group: ProcessGroup): Promise<{ redis: RedisServer; pid: number; release: () => void }> {
  const redis = await startRedisServer();
  try {
    const pid = redisPidOn(redis.port);
    // -a: every thread of it (Redis has background I/O threads).
    execFileSync('taskset', ['-a', '-p', '-c', String(SHARED_CORE), String(pid)], { stdio: 'pipe' });
    // Redis runs in its scratch directory: the watchdog removes it should this process be killed outright.
    return { redis, pid, release: group.adopt(pid, scratchDirOf(pid)).release };
  } catch (error) {
    await redis.stop();
    throw error;
  }
}

/** What every server process of a bench deployment is started with. */
export function serverEnv(redisUrl: string, databaseUrl: string): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    REDIS_URL: redisUrl,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    TICK_RATE: String(WORKLOAD.tickRate),
  };
}

/** A gateway on the shared core, on free ports. */
export async function spawnGateway(group: ProcessGroup, repoRoot: string, env: Record<string, string | undefined>, id: string): Promise<Gateway> {
  const port = await freePort();
  const opsPort = await freePort();
  const child = group.spawn({
    label: `gateway ${id}`,
    script: repoScript(repoRoot, 'gateway/dist/gateway-main.js'),
    core: SHARED_CORE,
    cwd: repoRoot,
    // The bots log in as dev:<name>; gateways refuse dev login without this opt-in.
    // METRICS_PORT: each gateway's ops port; every bot connects from 127.0.0.1, so no per-address cap.
    env: { ...env, SERVER_ID: id, GATEWAY_PORT: String(port), METRICS_PORT: String(opsPort), LIMIT_CONNECTIONS_PER_IP: '1000000', ALLOW_DEV_LOGIN: '1' },
  });
  return { id, url: `http://127.0.0.1:${port}`, opsUrl: `http://127.0.0.1:${opsPort}`, pid: child.pid, child };
}

/** The first of `children` (or Redis) that died, described; undefined while all run. */
export function firstDead(children: readonly PinnedChild[], redisPid: number): string | undefined {
  const dead = children.find((child) => !child.alive);
  if (dead) return dead.describeExit();
  return processAlive(redisPid) ? undefined : `redis-server (pid ${redisPid}) is gone`;
}

function redisPidOn(port: number): number {
  const found = childProcesses('redis-server').filter((child) => child.args.join(' ').includes(`:${port}`));
  if (found.length !== 1) throw new Error(`expected one redis-server child on port ${port}, found ${found.length}`);
  return found[0]!.pid;
}

function scratchDirOf(pid: number): string | undefined {
  try {
    const dir = readlinkSync(`/proc/${pid}/cwd`);
    return dir.includes('aether-redis-') ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** A built program of the repository (zone/dist, gateway/dist), or an error saying to build first. */
export function repoScript(root: string, path: string): string {
  const full = join(root, path);
  if (!existsSync(full)) throw new Error(`${full} does not exist: build first (make build)`);
  return full;
}
