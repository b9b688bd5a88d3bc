export interface WaitForOptions {
  /** Give up after this long; default 2000 ms. */
  timeoutMs?: number;
  /** Pause between probes; default 10 ms. */
  intervalMs?: number;
  /** Says what was awaited, for the timeout error. */
  message?: string;
}

/**
 * Polls `probe` until it answers something truthy and resolves with that
 * answer. A probe that throws counts as "not yet", so it may hold `expect`
 * calls; the last throw becomes the timeout error's cause, which is usually
 * the most useful thing to read when a test fails.
 *
 * Asynchronous delivery (pub/sub, timers, other processes) makes fixed sleeps
 * either slow or flaky; polling with a deadline is neither.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 2000, intervalMs = 10, message = 'a condition' }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const answer = await probe();
      if (answer) return answer as NonNullable<T>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms (${attempts} tries) waiting for ${message}`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
