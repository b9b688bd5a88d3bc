import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreUsageWindow } from '../common/measure/core-usage.js';
import { describeBusiest, ProcessCensus, type BusyProcess } from '../common/measure/process-census.js';
import { CpuWindow, rssBytes } from '../common/measure/proc-stats.js';
import type { TickReport } from '../common/measure/tick-report.js';
import { zoneTicks } from '../common/measure/zone-ticks.js';
import type { ProcessGroup } from '../common/processes/process-group.js';
import { getJson } from '../common/processes/wait-until-up.js';
import { createBenchDatabase, type BenchDatabase } from '../crowded-zone/bench-database.js';
import { planBots } from '../crowded-zone/placement.js';
import { crowdMeasurements, type CrowdMeasurements } from '../crowded-zone/swarm/crowd-measurements.js';
import { DRAIN_MS, enterCrowd, warmUp, type CrowdOptions } from '../crowded-zone/swarm/enter-crowd.js';
import { SwarmProcess } from '../crowded-zone/swarm/swarm-process.js';
import { OTHER_LOAD_LIMIT, WORKLOAD } from '../crowded-zone/workload.js';
import { SHARED_CORE, startCluster, ZONE_CORE, type Cluster } from './cluster.js';
import { beginGatewayTraffic, type GatewayTraffic } from './gateway-traffic.js';
import { RedisStatsWindow, type RedisTraffic } from './redis-stats.js';

export interface DistributedTrialOptions extends CrowdOptions {
  players: number;
  warmupSeconds: number;
  measureSeconds: number;
  /** Side of the centred square the bots start in; default the whole zone. */
  placementArea?: number;
}

export interface DistributedTrialContext {
  group: ProcessGroup;
  repoRoot: string;
  /** A PostgreSQL server the bench may create databases on. */
  postgresUrl: () => Promise<string>;
  log: (line: string) => void;
}

interface ProcessUse {
  pid: number;
  /** utime + stime over the window, in cores. */
  cpuCores: number;
  rssMb: number;
}

/** Everything measured for one crowd size (the bots' part as crowded-zone's; saturated by its rule). */
export interface DistributedResult extends CrowdMeasurements {
  players: number;
  windowSeconds: number;
  tick: TickReport;
  zone: ProcessUse;
  gateways: Array<ProcessUse & GatewayTraffic & { id: string; connections: number }>;
  redis: ProcessUse & RedisTraffic;
  /** How busy each core was over the window (all processes), in cores: the shared one near 1.0 means gateways, Redis and bots queued for it. */
  coreBusy: { zoneCore: number; sharedCore: number };
  /** CPU other processes took from the two cores during the window, in cores. */
  otherLoad: { zoneCore: number; sharedCore: number; busiestOthers: BusyProcess[] };
}

/**
 * One crowd in distributed mode: seed the database, start Redis, the zone
 * server and two gateways, bring the bots in (half through each gateway),
 * warm up, measure, and stop everything, whatever happens on the way.
 */
export async function runDistributedTrial(options: DistributedTrialOptions, context: DistributedTrialContext): Promise<DistributedResult> {
  const log = (line: string) => context.log(`[distributed ${options.players}] ${line}`);
  const plan = planBots(options.players, { seed: options.seed, ...(options.placementArea ? { area: options.placementArea } : {}) });
  let database: BenchDatabase | undefined;
  let cluster: Cluster | undefined;
  let swarm: SwarmProcess | undefined;
  let redisStats: RedisStatsWindow | undefined;
  try {
    log('seeding the database');
    database = await createBenchDatabase(await context.postgresUrl(), join(context.repoRoot, 'prisma/migrations'), plan);
    log('starting Redis, the zone server and two gateways');
    cluster = await startCluster({ group: context.group, repoRoot: context.repoRoot, databaseUrl: database.url, log });
    const metricsUrl = `${cluster.zone.metricsUrl}/metrics`;
    const ticks = zoneTicks({ metricsUrl: async () => metricsUrl, zoneId: WORKLOAD.zoneId, server: 'the zone server', notice: log });

    swarm = SwarmProcess.spawn(context.group, SHARED_CORE);
    const urls = cluster.gateways.map((gateway) => gateway.url);
    // Distributed gateways look characters up in the database: no handshake extras (as crowded-zone's Aether).
    const ready = await enterCrowd(swarm, plan, { url: urls[0]!, urls, auth: () => ({}) }, options, log);
    await assertSplit(cluster, options.players);
    await ticks.begin();

    const running = cluster;
    await warmUp(swarm, options.warmupSeconds, log, () => assertAlive(running));

    log(`measuring ${options.measureSeconds} s`);
    const tickProbe = await ticks.begin();
    redisStats = await RedisStatsWindow.begin(cluster.redis.url);
    const gatewayTraffic = await Promise.all(cluster.gateways.map((gateway) => beginGatewayTraffic(gateway.opsUrl)));
    const pids = { zone: cluster.zone.pid, gateways: cluster.gateways.map((gateway) => gateway.pid), redis: cluster.redis.pid, bots: swarm.pid };
    const cpu = {
      zone: new CpuWindow(pids.zone),
      gateways: pids.gateways.map((pid) => new CpuWindow(pid)),
      redis: new CpuWindow(pids.redis),
      bots: new CpuWindow(pids.bots),
    };
    const cores = new CoreUsageWindow([ZONE_CORE, SHARED_CORE]);
    const census = new ProcessCensus();
    const windowStart = performance.now();
    await swarm.beginWindow();
    await sleep(options.measureSeconds * 1000);
    assertAlive(cluster);
    // Process-level numbers are read the moment the window ends; the bots then drain late moves.
    const ending = Promise.all([
      tickProbe.finish(),
      redisStats.finish(),
      swarm.endWindow(DRAIN_MS),
      Promise.all(cluster.gateways.map((gateway) => gatewayConnections(gateway.url))),
      Promise.all(gatewayTraffic.map((traffic) => traffic.finish())),
    ]);
    const used = {
      zone: cpu.zone.cores(),
      gateways: cpu.gateways.map((window) => window.cores()),
      redis: cpu.redis.cores(),
      bots: cpu.bots.cores(),
    };
    const busy = cores.busy();
    const others = census.busiest([pids.zone, ...pids.gateways, pids.redis, pids.bots, process.pid]);
    const rss = {
      zone: rssBytes(pids.zone) / 2 ** 20,
      gateways: pids.gateways.map((pid) => rssBytes(pid) / 2 ** 20),
      redis: rssBytes(pids.redis) / 2 ** 20,
    };
    const windowSeconds = (performance.now() - windowStart) / 1000;
    const [tick, redis, bots, connections, traffic] = await ending;

    const sharedCoreOurs = used.gateways.reduce((sum, value) => sum + value, 0) + used.redis + used.bots;
    const otherLoad = {
      zoneCore: Math.max(0, busy[ZONE_CORE]! - used.zone),
      sharedCore: Math.max(0, busy[SHARED_CORE]! - sharedCoreOurs),
      busiestOthers: others,
    };
    const result: DistributedResult = {
      players: options.players,
      windowSeconds,
      tick,
      zone: { pid: pids.zone, cpuCores: used.zone, rssMb: rss.zone },
      gateways: cluster.gateways.map((gateway, i) => ({
        id: gateway.id,
        pid: gateway.pid,
        cpuCores: used.gateways[i]!,
        rssMb: rss.gateways[i]!,
        connections: connections[i]!,
        ...traffic[i]!,
      })),
      redis: { pid: pids.redis, cpuCores: used.redis, rssMb: rss.redis, ...redis },
      coreBusy: { zoneCore: busy[ZONE_CORE]!, sharedCore: busy[SHARED_CORE]! },
      otherLoad,
      ...crowdMeasurements(bots, { botsCpuCores: used.bots, rampSeconds: ready.seconds }),
    };
    if (result.bots.saturated) log(`bots saturated: ${result.bots.saturated}`);
    if (otherLoad.zoneCore > OTHER_LOAD_LIMIT || otherLoad.sharedCore > OTHER_LOAD_LIMIT) {
      log(
        `other processes used ${otherLoad.zoneCore.toFixed(2)} of the zone's core and ${otherLoad.sharedCore.toFixed(2)} of the shared core; busiest: ${describeBusiest(others)}`,
      );
    }
    return result;
  } catch (error) {
    throw new Error(`distributed-zone with ${options.players} players failed`, { cause: error });
  } finally {
    redisStats?.close();
    await swarm?.stop();
    await cluster?.stop();
    await database?.drop().catch((error: unknown) => log(`could not drop the bench database: ${String(error)}`));
  }
}

/** Each gateway holds its half of the crowd (the bots process hands them out in turn). */
async function assertSplit(cluster: Cluster, players: number): Promise<void> {
  const counts = await Promise.all(cluster.gateways.map((gateway) => gatewayConnections(gateway.url)));
  const each = players / cluster.gateways.length;
  if (counts.some((count) => Math.abs(count - each) >= 1)) {
    throw new Error(
      `the bots are not split evenly over the gateways: ${cluster.gateways.map((gateway, i) => `${gateway.id} ${counts[i]}`).join(', ')} for ${players} bots`,
    );
  }
}

async function gatewayConnections(url: string): Promise<number> {
  return (await getJson<{ connected: number }>(`${url}/health`)).connected;
}

function assertAlive(cluster: Cluster): void {
  const dead = cluster.deadProcess();
  if (dead) throw new Error(`a server died: ${dead}`);
}
