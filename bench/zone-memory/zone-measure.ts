import { setTimeout as sleep } from 'node:timers/promises';
import { censusGrowth, takeCensus, type BreakdownRow } from './heap-breakdown.js';
import { sampleMedian, type MemorySample } from './memory-sample.js';
import { Walkers } from './walkers.js';
import { ZoneScenario } from './zone-scenario.js';

export interface ZoneRunSpec {
  players: number;
  /** Players who join, walk and leave before the empty reading, so code paths are compiled and pools sized. */
  warmupPlayers: number;
  warmupWalkMs: number;
  walkMs: number;
  zoneSize: number;
  tickRate: number;
  gateways: number;
  /** Walking speed, metres per second. */
  speed: number;
  turnEverySeconds: number;
  samples: number;
  sampleIntervalMs: number;
  joinTimeoutMs: number;
  seed: number;
  /** Also take heap snapshots at both readings and report what grew (slow; its own run). */
  breakdown: boolean;
}

export interface ZoneMeasurement {
  players: number;
  /** The zone running with nobody in it (after the warm-up cohort left). */
  empty: MemorySample;
  /** The zone with every player in it, walking. */
  full: MemorySample;
  joinMs: number;
  walk: {
    seconds: number;
    ticks: number;
    ticksExpected: number;
    /** Mean time one tick took while they walked, ms (the zone's tick-duration histogram). */
    tickMeanMs: number;
    /** Ticks that took longer than the tick interval while they walked. */
    tickOverruns: number;
    /** CPU the worker used while they walked, per wall second: 1.0 is its whole core. */
    cpuShare: number;
    movesPublished: number;
    /** Share of wall time the stand-in gateways spent publishing moves. */
    walkerBusyShare: number;
    delivered: { batches: number; messages: number; frames: number };
  };
  breakdown?: BreakdownRow[];
}

/**
 * In this process (the worker): a zone running empty, read; then N players
 * joined and walking for a while, read again, while they still walk.
 */
export async function measureZone(spec: ZoneRunSpec): Promise<ZoneMeasurement> {
  const scenario = new ZoneScenario({ zoneSize: spec.zoneSize, tickRate: spec.tickRate, gateways: spec.gateways });
  const walkersFor = (from: number, count: number) =>
    new Walkers(scenario.gatewayBus, {
      zoneId: scenario.zone.id,
      from,
      count,
      speed: spec.speed,
      turnEverySeconds: spec.turnEverySeconds,
      tickRate: spec.tickRate,
      seed: spec.seed,
    });
  await scenario.start();
  let walkers: Walkers | undefined;
  try {
    // Warm-up cohort: ids after the measured ones, so nobody is reused.
    if (spec.warmupPlayers > 0) {
      walkers = walkersFor(spec.players, spec.warmupPlayers);
      await scenario.join(spec.players, spec.warmupPlayers);
      await scenario.untilPlayers(spec.warmupPlayers, spec.joinTimeoutMs);
      await walkers.start();
      await sleep(spec.warmupWalkMs);
      walkers.stop();
      await scenario.leave(spec.players, spec.warmupPlayers);
      await scenario.untilPlayers(0, spec.joinTimeoutMs);
    }
    await sleep(1000);
    const empty = await sampleMedian(spec.samples, spec.sampleIntervalMs);
    const emptyCensus = spec.breakdown ? await takeCensus() : undefined;

    const joinStarted = performance.now();
    await scenario.join(0, spec.players);
    await scenario.untilPlayers(spec.players, spec.joinTimeoutMs);
    const joinMs = performance.now() - joinStarted;

    const before = { ...scenario.delivered };
    const ticksBefore = await scenario.tickTotals();
    const cpuBefore = process.cpuUsage();
    const walkStarted = performance.now();
    walkers = walkersFor(0, spec.players);
    await walkers.start();
    await sleep(spec.walkMs);
    const seconds = (performance.now() - walkStarted) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const ticksAfter = await scenario.tickTotals();
    const ticks = ticksAfter.ticks - ticksBefore.ticks;
    const delivered = {
      batches: scenario.delivered.batches - before.batches,
      messages: scenario.delivered.messages - before.messages,
      frames: scenario.delivered.frames - before.frames,
    };
    // Read while they are still walking: that is the state a live zone is in.
    const full = await sampleMedian(spec.samples, spec.sampleIntervalMs);
    const fullCensus = spec.breakdown ? await takeCensus() : undefined;
    walkers.stop();

    if (scenario.host.playerCount !== spec.players) throw new Error(`${scenario.host.playerCount} players in the zone at the end, expected ${spec.players}`);
    if (scenario.delivered.errors > 0) throw new Error(`the zone sent ${scenario.delivered.errors} error messages to the gateways`);
    if (scenario.busProblems.length > 0) throw new Error(`bus problems: ${scenario.busProblems.slice(0, 3).join('; ')}`);
    if (walkers.failures > 0) throw new Error(`${walkers.failures} rounds of moves could not be published`);
    if (delivered.messages + delivered.frames === 0) throw new Error('nothing reached the gateways while the players walked');

    return {
      players: spec.players,
      empty,
      full,
      joinMs,
      walk: {
        seconds,
        ticks,
        ticksExpected: Math.floor(seconds * spec.tickRate),
        tickMeanMs: ticks > 0 ? ((ticksAfter.seconds - ticksBefore.seconds) / ticks) * 1000 : Number.NaN,
        tickOverruns: ticksAfter.overruns - ticksBefore.overruns,
        cpuShare: (cpu.user + cpu.system) / 1e6 / seconds,
        movesPublished: walkers.published,
        walkerBusyShare: walkers.busyShare,
        delivered,
      },
      ...(emptyCensus && fullCensus ? { breakdown: censusGrowth(emptyCensus, fullCensus, 20) } : {}),
    };
  } finally {
    walkers?.stop();
    await scenario.stop();
  }
}
