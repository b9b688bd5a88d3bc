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
import { DRAIN_MS, enterCrowd, warmUp } from '../crowded-zone/swarm/enter-crowd.js';
import { SwarmProcess } from '../crowded-zone/swarm/swarm-process.js';
import { OTHER_LOAD_LIMIT } from '../crowded-zone/workload.js';
import { SHARED_CORE, ZONE_CORE } from '../distributed-zone/cluster.js';
import { beginGatewayTraffic, type GatewayTraffic } from '../distributed-zone/gateway-traffic.js';
import { RedisStatsWindow, type RedisTraffic } from '../distributed-zone/redis-stats.js';
import { startDeployment, type Deployment } from './deployment.js';
import type { CapacityOptions, Layout } from './options.js';
import { PostgresStatsWindow, type PostgresTraffic } from './postgres-stats.js';
import { planWorld } from './world-plan.js';
import { placeInZones } from './zone-seeding.js';

export interface CapacityTrialContext {
  group: ProcessGroup;
  repoRoot: string;
  /** A PostgreSQL server the bench may create databases on. */
  postgresUrl: () => Promise<string>;
  log: (line: string) => void;
}

interface ProcessUse {
  id: string;
  pid: number;
  /** utime + stime over the window, in cores. */
  cpuCores: number;
  rssMb: number;
}

/** Everything measured for one layout. */
export interface CapacityResult extends CrowdMeasurements {
  layout: Layout;
  players: number;
  zones: number;
  windowSeconds: number;
  ticks: Array<{ zoneId: string; serverId: string; tick: TickReport }>;
  zoneServers: Array<ProcessUse & { zones: string[] }>;
  gateways: Array<ProcessUse & GatewayTraffic & { connections: number }>;
  redis: ProcessUse & RedisTraffic;
  postgres: PostgresTraffic;
  /** How busy each core was over the window (all processes), in cores. */
  coreBusy: { zoneCore: number; sharedCore: number };
  /** CPU other processes (PostgreSQL among them: it is unpinned) took from the two cores, in cores. */
  otherLoad: { zoneCore: number; sharedCore: number; busiestOthers: BusyProcess[] };
}

type TrialOptions = Omit<CapacityOptions, 'layouts' | 'out' | 'maxMinutes'>;

/**
 * One layout: seed the database with the bots spread over the layout's zones,
 * start Redis, the zone servers and the gateways, bring the bots in (bot k
 * through gateway k mod G), walk and chat, measure, and stop everything,
 * whatever happens on the way.
 */
export async function runCapacityTrial(layout: Layout, options: TrialOptions, context: CapacityTrialContext): Promise<CapacityResult> {
  const label = `${layout.zoneServers}x${layout.gateways}`;
  const log = (line: string) => context.log(`[${label}] ${line}`);
  const players = layout.zoneServers * options.playersPerServer;
  const plan = planBots(players, { seed: options.seed, area: options.area });
  const world = planWorld(layout, options.zonesPerServer, players);
  let database: BenchDatabase | undefined;
  let deployment: Deployment | undefined;
  let swarm: SwarmProcess | undefined;
  let redisStats: RedisStatsWindow | undefined;
  let postgresStats: PostgresStatsWindow | undefined;
  try {
    log(`seeding ${players} bots over ${new Set(world.zoneOfBot).size} zones`);
    database = await createBenchDatabase(await context.postgresUrl(), join(context.repoRoot, 'prisma/migrations'), plan);
    await placeInZones(database.url, world, plan);
    deployment = await startDeployment({ group: context.group, repoRoot: context.repoRoot, databaseUrl: database.url, world, log });
    const running = deployment;
    const zoneProbes = deployment.zoneServers.flatMap((server) =>
      server.zones.map((zoneId) => ({
        zoneId,
        serverId: server.id,
        ticks: zoneTicks({ metricsUrl: async () => `${server.opsUrl}/metrics`, zoneId, server: server.id, notice: log }),
      })),
    );

    swarm = SwarmProcess.spawn(context.group, SHARED_CORE);
    const urls = deployment.gateways.map((gateway) => gateway.url);
    const ready = await enterCrowd(
      swarm,
      plan,
      { url: urls[0]!, urls, auth: () => ({}) },
      {
        decodeEvery: options.decodeEvery,
        rampPerSecond: options.ramp,
        seed: options.seed,
        ...(options.chatEvery > 0 ? { chatEvery: options.chatEvery } : {}),
      },
      log,
    );
    await assertSplit(deployment, players);
    await warmUp(swarm, options.warmup, log, () => assertAlive(running));

    log(`measuring ${options.seconds} s`);
    const tickProbes = await Promise.all(zoneProbes.map((probe) => probe.ticks.begin()));
    redisStats = await RedisStatsWindow.begin(deployment.redis.url);
    postgresStats = await PostgresStatsWindow.begin(database.url);
    const gatewayTraffic = await Promise.all(deployment.gateways.map((gateway) => beginGatewayTraffic(gateway.opsUrl)));
    const pids = {
      zoneServers: deployment.zoneServers.map((server) => server.pid),
      gateways: deployment.gateways.map((gateway) => gateway.pid),
      redis: deployment.redis.pid,
      bots: swarm.pid,
    };
    const cpu = {
      zoneServers: pids.zoneServers.map((pid) => new CpuWindow(pid)),
      gateways: pids.gateways.map((pid) => new CpuWindow(pid)),
      redis: new CpuWindow(pids.redis),
      bots: new CpuWindow(pids.bots),
    };
    const cores = new CoreUsageWindow([ZONE_CORE, SHARED_CORE]);
    const census = new ProcessCensus();
    const windowStart = performance.now();
    await swarm.beginWindow();
    await sleep(options.seconds * 1000);
    assertAlive(deployment);
    // Counters are read the moment the window ends; the bots then drain late moves.
    const ending = Promise.all([
      Promise.all(tickProbes.map((probe) => probe.finish())),
      redisStats.finish(),
      postgresStats.finish(),
      swarm.endWindow(DRAIN_MS),
      Promise.all(deployment.gateways.map((gateway) => gatewayConnections(gateway.url))),
      Promise.all(gatewayTraffic.map((traffic) => traffic.finish())),
    ]);
    const used = {
      zoneServers: cpu.zoneServers.map((window) => window.cores()),
      gateways: cpu.gateways.map((window) => window.cores()),
      redis: cpu.redis.cores(),
      bots: cpu.bots.cores(),
    };
    const busy = cores.busy();
    const ours = [...pids.zoneServers, ...pids.gateways, pids.redis, pids.bots, process.pid];
    const others = census.busiest(ours);
    const rssMb = (pid: number) => rssBytes(pid) / 2 ** 20;
    const windowSeconds = (performance.now() - windowStart) / 1000;
    const [ticks, redis, postgres, bots, connections, traffic] = await ending;

    const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
    const otherLoad = {
      zoneCore: Math.max(0, busy[ZONE_CORE]! - sum(used.zoneServers)),
      sharedCore: Math.max(0, busy[SHARED_CORE]! - sum(used.gateways) - used.redis - used.bots),
      busiestOthers: others,
    };
    if (otherLoad.zoneCore > OTHER_LOAD_LIMIT || otherLoad.sharedCore > OTHER_LOAD_LIMIT) {
      log(
        `other processes used ${otherLoad.zoneCore.toFixed(2)} of core ${ZONE_CORE} and ${otherLoad.sharedCore.toFixed(2)} of core ${SHARED_CORE}; busiest: ${describeBusiest(others)}`,
      );
    }
    const result: CapacityResult = {
      layout,
      players,
      zones: zoneProbes.length,
      windowSeconds,
      ticks: zoneProbes.map((probe, i) => ({ zoneId: probe.zoneId, serverId: probe.serverId, tick: ticks[i]! })),
      zoneServers: deployment.zoneServers.map((server, i) => ({
        id: server.id,
        zones: server.zones,
        pid: server.pid,
        cpuCores: used.zoneServers[i]!,
        rssMb: rssMb(server.pid),
      })),
      gateways: deployment.gateways.map((gateway, i) => ({
        id: gateway.id,
        pid: gateway.pid,
        cpuCores: used.gateways[i]!,
        rssMb: rssMb(gateway.pid),
        connections: connections[i]!,
        ...traffic[i]!,
      })),
      redis: { id: 'redis', pid: pids.redis, cpuCores: used.redis, rssMb: rssMb(pids.redis), ...redis },
      postgres,
      coreBusy: { zoneCore: busy[ZONE_CORE]!, sharedCore: busy[SHARED_CORE]! },
      otherLoad,
      ...crowdMeasurements(bots, { botsCpuCores: used.bots, rampSeconds: ready.seconds }),
    };
    if (result.bots.saturated) log(`bots saturated: ${result.bots.saturated}`);
    return result;
  } catch (error) {
    throw new Error(`capacity layout ${label} (${players} players) failed`, { cause: error });
  } finally {
    redisStats?.close();
    await postgresStats?.close();
    await swarm?.stop();
    await deployment?.stop();
    await database?.drop().catch((error: unknown) => log(`could not drop the bench database: ${String(error)}`));
  }
}

/** Each gateway holds its share of the crowd (the bots process hands them out in turn). */
async function assertSplit(deployment: Deployment, players: number): Promise<void> {
  const counts = await Promise.all(deployment.gateways.map((gateway) => gatewayConnections(gateway.url)));
  const each = players / deployment.gateways.length;
  if (counts.some((count) => Math.abs(count - each) >= 1)) {
    throw new Error(`the bots are not split evenly over the gateways: ${deployment.gateways.map((gateway, i) => `${gateway.id} ${counts[i]}`).join(', ')}`);
  }
}

async function gatewayConnections(url: string): Promise<number> {
  return (await getJson<{ connected: number }>(`${url}/health`)).connected;
}

function assertAlive(deployment: Deployment): void {
  const dead = deployment.deadProcess();
  if (dead) throw new Error(`a server died: ${dead}`);
}
