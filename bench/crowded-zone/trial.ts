import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import { CoreUsageWindow } from '../common/measure/core-usage.js';
import { describeBusiest, ProcessCensus } from '../common/measure/process-census.js';
import { rssBytes, CpuWindow } from '../common/measure/proc-stats.js';
import { planBots } from './placement.js';
import type { ProcessGroup } from '../common/processes/process-group.js';
import { startAether } from './servers/aether-server.js';
import { startBaseline } from './servers/baseline-server.js';
import type { ServerKind, ServerUnderTest } from './servers/server-under-test.js';
import { crowdMeasurements } from './swarm/crowd-measurements.js';
import { DRAIN_MS, enterCrowd, warmUp, type CrowdOptions } from './swarm/enter-crowd.js';
import { SwarmProcess } from './swarm/swarm-process.js';
import type { TrialResult } from './trial-result.js';
import { BOTS_CORE, OTHER_LOAD_LIMIT, SERVER_CORE } from './workload.js';

export interface TrialOptions extends CrowdOptions {
  server: ServerKind;
  players: number;
  warmupSeconds: number;
  measureSeconds: number;
  /** Checkout whose server runs (its standalone/dist/main.js and prisma/migrations). */
  serverRoot: string;
  /** Side of the centred square the bots start in; default the whole zone. */
  placementArea?: number;
}

export interface TrialContext {
  group: ProcessGroup;
  /** A PostgreSQL server the bench may create databases on (Aether only). */
  postgresUrl: () => Promise<string>;
  log: (line: string) => void;
}

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
    const running = server;
    const ready = await enterCrowd(swarm, plan, { url: server.url, auth: (bot) => running.handshakeFor(bot) }, options, log);
    // Fail now, not after the warm-up, if the server's tick statistics cannot be read.
    await server.beginTicks();

    await warmUp(swarm, options.warmupSeconds, log, () => assertAlive(running));

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
    const result: TrialResult = {
      server: options.server,
      players: options.players,
      windowSeconds,
      tick,
      serverCpuCores,
      serverRssMb,
      otherLoad,
      ...crowdMeasurements(bots, { botsCpuCores, rampSeconds: ready.seconds }),
    };
    if (result.bots.saturated) log(`bots saturated: ${result.bots.saturated}`);
    if (otherLoad.serverCore > OTHER_LOAD_LIMIT || otherLoad.botsCore > OTHER_LOAD_LIMIT) {
      log(
        `other processes used ${otherLoad.serverCore.toFixed(2)} of the server's core and ${otherLoad.botsCore.toFixed(2)} of the bots' core; busiest: ${describeBusiest(others)}`,
      );
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

function assertAlive(server: ServerUnderTest): void {
  if (!server.alive) throw new Error(`the server died: ${server.describeExit()}`);
}
