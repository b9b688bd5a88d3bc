import { join } from 'node:path';
import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import { CoreUsageWindow } from './measure/core-usage.js';
import { ProcessCensus } from './measure/process-census.js';
import { rssBytes, CpuWindow } from './measure/proc-stats.js';
import { planBots } from './placement.js';
import type { ProcessGroup } from './processes/process-group.js';
import { startAether } from './servers/aether-server.js';
import { startBaseline } from './servers/baseline-server.js';
import type { ServerKind, ServerUnderTest } from './servers/server-under-test.js';
import type { SwarmWindow } from './swarm/messages.js';
import { SwarmProcess } from './swarm/swarm-process.js';
import type { TrialResult } from './trial-result.js';
import { BOTS_CORE, BOTS_SATURATION, OTHER_LOAD_LIMIT, SERVER_CORE, WORKLOAD } from './workload.js';

export interface TrialOptions {
  server: ServerKind;
  players: number;
  warmupSeconds: number;
  measureSeconds: number;
  decodeEvery: number;
  rampPerSecond: number;
  seed: number;
  /** Checkout whose server runs (its gateway/dist/main.js and prisma/migrations). */
  serverRoot: string;
  /** Side of the centred square the bots start in; default the whole zone. */
  placementArea?: number;
  /** Per bot: connecting, each request, entering the world (default 120 s). */
  stepTimeoutMs?: number;
}

export interface TrialContext {
  group: ProcessGroup;
  /** A PostgreSQL server the bench may create databases on (Aether only). */
  postgresUrl: () => Promise<string>;
  log: (line: string) => void;
}

/** A saturated server takes long over each login step; a bot gives up on one after this. */
const DEFAULT_STEP_TIMEOUT_MS = 120_000;

/** After the window, how long moves sent in it may still take to be seen. */
const DRAIN_MS = 3000;

/**
 * One server, one crowd: start the server, bring the bots into the world,
 * warm up, measure, and stop everything, whatever happens on the way.
 */
export async function runTrial(options: TrialOptions, context: TrialContext): Promise<TrialResult> {
  const label = `[${options.server} ${options.players}]`;
  const log = (line: string) => context.log(`${label} ${line}`);
  const plan = planBots(options.players, { seed: options.seed, ...(options.placementArea ? { area: options.placementArea } : {}) });
  let database: BenchDatabase | undefined;
  let server: ServerUnderTest | undefined;
  let swarm: SwarmProcess | undefined;
  try {
    if (options.server === 'aether') {
      log('seeding the database');
      database = await createBenchDatabase(await context.postgresUrl(), join(options.serverRoot, 'prisma/migrations'), plan);
      log('starting the server');
      server = await startAether({ group: context.group, serverRoot: options.serverRoot, databaseUrl: database.url, core: SERVER_CORE, notice: log });
    } else {
      log('starting the server');
      server = await startBaseline({ group: context.group, core: SERVER_CORE });
    }

    swarm = SwarmProcess.spawn(context.group, BOTS_CORE);
    swarm.onProgress = ({ entered, failed, players }) => log(`${entered} of ${players} bots in the world${failed ? `, ${failed} failed` : ''}`);
    const ready = await swarm.start(
      {
        type: 'start',
        url: server.url,
        bots: plan.map((bot) => ({ name: bot.name, character: bot.character, x: bot.x, y: bot.y, auth: server!.handshakeFor(bot) })),
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
        stepTimeoutMs: options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
      },
      // Longer than a bot's own step timeout, so a stuck bot reports its own error first.
      (options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS) + 30_000,
    );
    log(`${ready.players} bots in the world after ${ready.seconds.toFixed(1)} s`);
    // Fail now, not after the warm-up, if the server's tick statistics cannot be read.
    await server.beginTicks();

    await swarm.walk();
    log(`walking; warming up ${options.warmupSeconds} s`);
    await sleep(options.warmupSeconds * 1000);
    assertAlive(server);

    log(`measuring ${options.measureSeconds} s`);
    const ticks = await server.beginTicks();
    const cpu = new CpuWindow(server.pid);
    const botsCpu = new CpuWindow(swarm.pid);
    const cores = new CoreUsageWindow([SERVER_CORE, BOTS_CORE]);
    const census = new ProcessCensus();
    const windowStart = performance.now();
    await swarm.beginWindow();
    await sleep(options.measureSeconds * 1000);
    assertAlive(server);
    // Everything process-level is read the moment the window ends; the bots then drain late moves.
    const ending = Promise.all([ticks.finish(), swarm.endWindow(DRAIN_MS)]);
    const serverCpuCores = cpu.cores();
    const botsCpuCores = botsCpu.cores();
    const busy = cores.busy();
    const others = census.busiest([server.pid, swarm.pid, process.pid]);
    const serverRssMb = rssBytes(server.pid) / 2 ** 20;
    const windowSeconds = (performance.now() - windowStart) / 1000;
    const [tick, bots] = await ending;
    // What the cores did besides our two processes: other work on a shared machine.
    const otherLoad = {
      serverCore: Math.max(0, busy[SERVER_CORE]! - serverCpuCores),
      botsCore: Math.max(0, busy[BOTS_CORE]! - botsCpuCores),
      busiestOthers: others,
    };
    const result = toResult(options, tick, bots, { serverCpuCores, serverRssMb, windowSeconds, rampSeconds: ready.seconds, botsCpuCores, otherLoad });
    if (result.bots.saturated) log(`bots saturated: ${result.bots.saturated}`);
    if (otherLoad.serverCore > OTHER_LOAD_LIMIT || otherLoad.botsCore > OTHER_LOAD_LIMIT) {
      const names = others.map((other) => `${other.command.slice(0, 60)} (${other.cores.toFixed(2)})`).join(', ');
      log(`other processes used ${otherLoad.serverCore.toFixed(2)} of the server's core and ${otherLoad.botsCore.toFixed(2)} of the bots' core; busiest: ${names || 'none'}`);
    }
    return result;
  } catch (error) {
    throw new Error(`crowded-zone ${options.server} with ${options.players} players failed`, { cause: error });
  } finally {
    await swarm?.stop();
    await server?.stop();
    await database?.drop().catch((error: unknown) => log(`could not drop the bench database: ${String(error)}`));
  }
}

function toResult(
  options: TrialOptions,
  tick: TrialResult['tick'],
  bots: SwarmWindow,
  measured: {
    serverCpuCores: number;
    serverRssMb: number;
    windowSeconds: number;
    rampSeconds: number;
    botsCpuCores: number;
    otherLoad: TrialResult['otherLoad'];
  },
): TrialResult {
  const perPlayerPerSecond = (total: number) => total / bots.players / bots.seconds;
  return {
    server: options.server,
    players: options.players,
    windowSeconds: measured.windowSeconds,
    tick,
    serverCpuCores: measured.serverCpuCores,
    serverRssMb: measured.serverRssMb,
    otherLoad: measured.otherLoad,
    seenByOther: bots.byOther,
    seenByMover: bots.byMover,
    moves: bots.moves,
    bytesPerPlayerPerSecond: perPlayerPerSecond(bots.bytes),
    messagesPerPlayerPerSecond: perPlayerPerSecond(bots.events),
    inViewPerPlayer: bots.inViewMean,
    bots: {
      decoding: bots.decoding,
      cpuCores: measured.botsCpuCores,
      eventLoopUtilisation: bots.load.eventLoopUtilisation,
      eventLoopDelayP99Ms: bots.load.delayP99Ms,
      eventLoopDelayMaxMs: bots.load.delayMaxMs,
      saturated: saturation(bots),
      disconnected: bots.disconnected,
      disconnectReasons: bots.disconnectReasons,
      rampSeconds: measured.rampSeconds,
    },
  };
}

/** Why the bots process was the bottleneck, or null. */
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

function assertAlive(server: ServerUnderTest): void {
  if (!server.alive) throw new Error(`the server died: ${server.describeExit()}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
