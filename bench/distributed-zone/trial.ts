import { join } from 'node:path';
import { createBenchDatabase, type BenchDatabase } from '../crowded-zone/bench-database.js';
import { CoreUsageWindow } from '../crowded-zone/measure/core-usage.js';
import { ProcessCensus, type BusyProcess } from '../crowded-zone/measure/process-census.js';
import { CpuWindow, rssBytes } from '../crowded-zone/measure/proc-stats.js';
import { planBots } from '../crowded-zone/placement.js';
import type { PinnedChild } from '../crowded-zone/processes/child.js';
import type { ProcessGroup } from '../crowded-zone/processes/process-group.js';
import type { TickReport } from '../crowded-zone/servers/server-under-test.js';
import { getJson } from '../crowded-zone/servers/wait-until-up.js';
import type { LatencySummary, SwarmWindow } from '../crowded-zone/swarm/messages.js';
import { SwarmProcess } from '../crowded-zone/swarm/swarm-process.js';
import { BOTS_SATURATION, OTHER_LOAD_LIMIT, WORKLOAD } from '../crowded-zone/workload.js';
import { SHARED_CORE, startCluster, ZONE_CORE, type Cluster } from './cluster.js';
import { beginGatewayTraffic, type GatewayTraffic } from './gateway-traffic.js';
import { builtScript } from './paths.js';
import { RedisStatsWindow, type RedisTraffic } from './redis-stats.js';
import type { StartDistributedSwarm } from './swarm-main.js';
import { zoneTicks } from './zone-ticks.js';

export interface DistributedTrialOptions {
  players: number;
  warmupSeconds: number;
  measureSeconds: number;
  decodeEvery: number;
  rampPerSecond: number;
  seed: number;
  /** Side of the centred square the bots start in; default the whole zone. */
  placementArea?: number;
  /** Per bot: connecting, each request, entering the world (default 120 s). */
  stepTimeoutMs?: number;
}

export interface DistributedTrialContext {
  group: ProcessGroup;
  repoRoot: string;
  /** A PostgreSQL server the bench may create databases on. */
  postgresUrl: () => Promise<string>;
  log: (line: string) => void;
}

export interface ProcessUse {
  pid: number;
  /** utime + stime over the window, in cores. */
  cpuCores: number;
  rssMb: number;
}

/** Everything measured for one crowd size. */
export interface DistributedResult {
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
  seenByOther: LatencySummary;
  seenByMover: LatencySummary;
  moves: number;
  bytesPerPlayerPerSecond: number;
  messagesPerPlayerPerSecond: number;
  inViewPerPlayer: number | null;
  bots: {
    decoding: number;
    cpuCores: number;
    eventLoopUtilisation: number;
    eventLoopDelayP99Ms: number;
    eventLoopDelayMaxMs: number;
    /** Set when the bots process was the bottleneck (crowded-zone's rule): why; its latencies are then not the servers'. */
    saturated: string | null;
    disconnected: number;
    disconnectReasons: Record<string, number>;
    rampSeconds: number;
  };
}

const DEFAULT_STEP_TIMEOUT_MS = 120_000;
const DRAIN_MS = 3000;

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
    const ticks = zoneTicks(cluster.zone.metricsUrl, log);

    swarm = spawnBots(context.group);
    swarm.onProgress = ({ entered, failed, players }) => log(`${entered} of ${players} bots in the world${failed ? `, ${failed} failed` : ''}`);
    const stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
    const start: StartDistributedSwarm = {
      type: 'start',
      url: cluster.gateways[0]!.url,
      urls: cluster.gateways.map((gateway) => gateway.url),
      // Distributed gateways look characters up in the database: no handshake extras (as crowded-zone's Aether).
      bots: plan.map((bot) => ({ name: bot.name, character: bot.character, x: bot.x, y: bot.y, auth: {} })),
      decodeEvery: options.decodeEvery,
      rampPerSecond: options.rampPerSecond,
      seed: options.seed,
      walk: {
        speed: WORKLOAD.walkSpeed,
        turnIntervalMs: WORKLOAD.turnIntervalMs,
        turnJitterMs: WORKLOAD.turnJitterMs,
        edgeMargin: WORKLOAD.edgeMargin,
        size: WORKLOAD.size,
        headingToleranceDeg: WORKLOAD.headingToleranceDeg,
      },
      stepTimeoutMs,
    };
    const ready = await swarm.start(start, stepTimeoutMs + 30_000);
    log(`${ready.players} bots in the world after ${ready.seconds.toFixed(1)} s`);
    await assertSplit(cluster, options.players);
    await ticks.begin();

    await swarm.walk();
    log(`walking; warming up ${options.warmupSeconds} s`);
    await sleep(options.warmupSeconds * 1000);
    assertAlive(cluster);

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
    const perPlayerPerSecond = (total: number) => total / bots.players / bots.seconds;
    const result: DistributedResult = {
      players: options.players,
      windowSeconds,
      tick,
      zone: { pid: pids.zone, cpuCores: used.zone, rssMb: rss.zone },
      gateways: cluster.gateways.map((gateway, i) => ({ id: gateway.id, pid: gateway.pid, cpuCores: used.gateways[i]!, rssMb: rss.gateways[i]!,
        connections: connections[i]!,
        ...traffic[i]!,
      })),
      redis: { pid: pids.redis, cpuCores: used.redis, rssMb: rss.redis, ...redis },
      coreBusy: { zoneCore: busy[ZONE_CORE]!, sharedCore: busy[SHARED_CORE]! },
      otherLoad,
      seenByOther: bots.byOther,
      seenByMover: bots.byMover,
      moves: bots.moves,
      bytesPerPlayerPerSecond: perPlayerPerSecond(bots.bytes),
      messagesPerPlayerPerSecond: perPlayerPerSecond(bots.events),
      inViewPerPlayer: bots.inViewMean,
      bots: {
        decoding: bots.decoding,
        cpuCores: used.bots,
        eventLoopUtilisation: bots.load.eventLoopUtilisation,
        eventLoopDelayP99Ms: bots.load.delayP99Ms,
        eventLoopDelayMaxMs: bots.load.delayMaxMs,
        saturated: saturation(bots),
        disconnected: bots.disconnected,
        disconnectReasons: bots.disconnectReasons,
        rampSeconds: ready.seconds,
      },
    };
    if (result.bots.saturated) log(`bots saturated: ${result.bots.saturated}`);
    if (otherLoad.zoneCore > OTHER_LOAD_LIMIT || otherLoad.sharedCore > OTHER_LOAD_LIMIT) {
      const names = others.map((other) => `${other.command.slice(0, 60)} (${other.cores.toFixed(2)})`).join(', ');
      log(`other processes used ${otherLoad.zoneCore.toFixed(2)} of the zone's core and ${otherLoad.sharedCore.toFixed(2)} of the shared core; busiest: ${names || 'none'}`);
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

/**
 * crowded-zone's SwarmProcess (IPC handshake, ramp watchdog, timeouts) on
 * this bench's bots script. SwarmProcess.spawn names crowded-zone's script
 * and its constructor is private to TypeScript only, so it is called directly.
 */
function spawnBots(group: ProcessGroup): SwarmProcess {
  const child = group.spawn({ label: 'bots process', script: builtScript('swarm-main.js'), core: SHARED_CORE, env: { PATH: process.env.PATH }, ipc: true });
  const WithChild = SwarmProcess as unknown as new (child: PinnedChild) => SwarmProcess;
  return new WithChild(child);
}

/** Each gateway holds its half of the crowd (the bots process hands them out in turn). */
async function assertSplit(cluster: Cluster, players: number): Promise<void> {
  const counts = await Promise.all(cluster.gateways.map((gateway) => gatewayConnections(gateway.url)));
  const each = players / cluster.gateways.length;
  if (counts.some((count) => Math.abs(count - each) >= 1)) {
    throw new Error(`the bots are not split evenly over the gateways: ${cluster.gateways.map((gateway, i) => `${gateway.id} ${counts[i]}`).join(', ')} for ${players} bots`);
  }
}

async function gatewayConnections(url: string): Promise<number> {
  return (await getJson<{ connected: number }>(`${url}/health`)).connected;
}

/** crowded-zone's rule (its trial.ts keeps it private): the bots process was the bottleneck, and why. */
function saturation({ load }: SwarmWindow): string | null {
  const reasons: string[] = [];
  if (load.eventLoopUtilisation > BOTS_SATURATION.eventLoopUtilisation) {
    reasons.push(`event-loop utilisation ${load.eventLoopUtilisation.toFixed(2)} > ${BOTS_SATURATION.eventLoopUtilisation}`);
  }
  if (load.delayP99Ms > BOTS_SATURATION.eventLoopDelayP99Ms) {
    reasons.push(`event-loop delay p99 ${load.delayP99Ms.toFixed(0)} ms > ${BOTS_SATURATION.eventLoopDelayP99Ms} ms`);
  }
  return reasons.length > 0 ? reasons.join(', ') : null;
}

function assertAlive(cluster: Cluster): void {
  const dead = cluster.deadProcess();
  if (dead) throw new Error(`a server died: ${dead}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
