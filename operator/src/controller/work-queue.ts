import { backoffDelay, TokenBucket } from '@aether/shared';

export interface WorkQueueOptions {
  /** First retry delay after a failure; doubles per consecutive failure. */
  baseDelayMs: number;
  /** Retry delay cap. */
  maxDelayMs: number;
  /** Overall retry rate across all keys (token bucket); default 10 per second, bursts of 100, as client-go. */
  qps?: number;
  burst?: number;
  clock?: () => number;
}

/**
 * client-go's rate-limited work queue, for string keys: a key is queued at
 * most once however many events name it, is never handed to two workers at
 * once (an `add` while it is being processed re-queues it after `done`), and
 * a failing key comes back after an exponential backoff until `forget`.
 * Events therefore only say "look at this key again"; what to do is decided
 * by reconcile from the state at that moment.
 *
 * Retries are limited as client-go's DefaultControllerRateLimiter does:
 * MaxOf(per-key exponential backoff, one token bucket for the whole queue),
 * so many keys failing at once (API server down) retry at most `qps` per
 * second overall instead of each at its own short first delay.
 */
export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private waiters: Array<(key: string | undefined) => void> = [];
  private shuttingDown = false;
  private readonly bucket: TokenBucket;
  private readonly clock: () => number;

  constructor(private readonly options: WorkQueueOptions) {
    this.clock = options.clock ?? Date.now;
    // client-go's BucketRateLimiter: 10 a second, bursts of 100 (a reservation may run into debt and waits it out).
    this.bucket = new TokenBucket(options.qps ?? 10, options.burst ?? 100, this.clock());
  }

  get length(): number {
    return this.queue.length;
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return; // `done` puts it back
    const waiter = this.waiters.shift();
    if (waiter) {
      this.dirty.delete(key);
      this.processing.add(key);
      waiter(key);
    } else this.queue.push(key);
  }

  /** Adds the key after `ms`; an earlier pending add for the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = this.clock() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    timer.unref();
    this.delayed.set(key, { at, timer });
  }

  /** After a failure: back off base · 2^(failures so far), capped, and never faster than the queue's overall rate. */
  addRateLimited(key: string): number {
    const delay = this.whenRetry(key);
    this.addAfter(key, delay);
    return delay;
  }

  /** client-go's MaxOfRateLimiter.When: counts the failure and answers the longer of the two limits' delays. */
  whenRetry(key: string): number {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    const backoff = backoffDelay({ baseMs: this.options.baseDelayMs, maxMs: this.options.maxDelayMs }, failures + 1);
    return Math.max(backoff, this.bucket.reserve(this.clock()));
  }

  /** The key succeeded: its next failure starts the backoff over. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Resolves with the next key (now marked processing), or undefined once shut down. */
  get(): Promise<string | undefined> {
    const key = this.queue.shift();
    if (key !== undefined) {
      this.dirty.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.dirty.delete(key);
      this.add(key);
    }
  }

  shutDown(): void {
    this.shuttingDown = true;
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }
}
