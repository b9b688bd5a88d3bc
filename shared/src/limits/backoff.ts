/**
 * Exponential backoff, capped, with optional jitter: the one rule every retry
 * loop uses (the Redis clients' reconnects, the zone's game-write outbox, the
 * operator's work queue), each with its own numbers.
 */
export interface Backoff {
  /** The delay before the first retry. */
  baseMs: number;
  /** No delay is longer than this (before jitter). */
  maxMs: number;
  /**
   * The delay is scaled by a factor drawn uniformly from [low, high], so a fleet
   * retrying after the same outage does not arrive in lockstep; absent: exact.
   */
  jitter?: readonly [low: number, high: number];
}

/** The delay before retry number `attempt` (1 = the first retry): baseMs doubled per attempt, capped at maxMs, then jittered. */
export function backoffDelay({ baseMs, maxMs, jitter }: Backoff, attempt: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  if (!jitter) return step;
  const [low, high] = jitter;
  return Math.round(step * (low + random() * (high - low)));
}
