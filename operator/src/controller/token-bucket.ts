export interface TokenBucketOptions {
  /** Tokens added per second (the sustained rate). */
  qps: number;
  /** Tokens the bucket holds when full (how many may go at once after a quiet spell). */
  burst: number;
  clock?: () => number;
}

/**
 * golang.org/x/time/rate's Limiter as client-go's BucketRateLimiter uses it:
 * `reserve` always succeeds and says how long the caller must wait, so a
 * burst of reservations queues up behind each other at `qps`.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly clock: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    if (!(options.qps > 0) || !(options.burst >= 1)) throw new Error(`token bucket needs qps > 0 and burst >= 1 (got ${options.qps}, ${options.burst})`);
    this.clock = options.clock ?? Date.now;
    this.tokens = options.burst;
    this.last = this.clock();
  }

  /** Takes one token (possibly one not yet earned) and answers the wait in ms before it may be used. */
  reserve(): number {
    const now = this.clock();
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.last) / 1000) * this.options.qps);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.options.qps) * 1000);
  }
}
