import { expect } from '@jest/globals';
import type { TickReport } from './measure/tick-report.js';
import type { LatencySummary } from '../crowded-zone/swarm/messages.js';

/** What a smoke sweep is given: the harness's PostgreSQL server and a log kept for the error message. */
export interface SmokeContext {
  postgresUrl: () => Promise<string>;
  log: (line: string) => void;
}

/**
 * Runs a few seconds of a sweep on the harness's database server
 * (TEST_DATABASE_URL); if it fails, the error carries its progress log.
 */
export async function runSmokeSweep<R>(sweep: (context: SmokeContext) => Promise<R>): Promise<R> {
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set: run this through the integration project (test/harness)');
  const progress: string[] = [];
  const started = performance.now();
  try {
    return await sweep({
      postgresUrl: async () => postgresUrl,
      log: (line) => progress.push(`${((performance.now() - started) / 1000).toFixed(1)} s ${line}`),
    });
  } catch (error) {
    throw new Error(`the sweep failed; its progress:\n${progress.join('\n')}`, { cause: error });
  }
}

/** A zone ticking at about 20 Hz over a few seconds, with tick durations. */
export function expectTicksAt20Hz(tick: TickReport): void {
  expect(tick.rateHz).toBeGreaterThan(15);
  expect(tick.rateHz).toBeLessThan(22);
  expect(tick.ticks).toBeGreaterThan(40);
  expect(tick.p50.ms).toBeGreaterThan(0);
  expect(tick.p50.ms).toBeLessThan(50);
  expect(tick.p99.ms ?? tick.p99.aboveMs).toBeGreaterThanOrEqual(tick.p50.ms!);
}

/** Every bot moved, and moves were seen, by others and by the mover, within a second. */
export function expectMovesSeen(found: { moves: number; seenByOther: LatencySummary; seenByMover: LatencySummary }, players: number): void {
  expect(found.moves).toBeGreaterThanOrEqual(players);
  for (const latency of [found.seenByOther, found.seenByMover]) {
    expect(latency.samples).toBeGreaterThan(0);
    expect(latency.p50Ms).toBeGreaterThan(0);
    expect(latency.p99Ms).toBeGreaterThanOrEqual(latency.p50Ms!);
    // Within a couple of ticks at 20 Hz, with room for a loaded CI machine.
    expect(latency.p99Ms).toBeLessThan(1000);
  }
}
