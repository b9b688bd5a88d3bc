/**
 * A token bucket: holds up to `burst` tokens and earns `rate` a second; a
 * message costs its weight in tokens. The clock is passed in on each call,
 * so the bucket is plain state a store can keep (and tests can drive).
 * The gateway's message limits and the zone's NPC LLM budgets use it.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /**
   * `rate` tokens are earned each `intervalMs` (a second unless given): a
   * bucket refilled by 6 an hour says so exactly, where 6 / 3600 per second
   * would round, and 30 minutes would earn 2.9999… instead of 3.
   */
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
    private readonly intervalMs = 1000,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** A bucket holding `capacity` that refills completely over `windowMs` (6 per minute, 300,000 per hour). */
  static refilledOver(capacity: number, windowMs: number, now: number): TokenBucket {
    return new TokenBucket(capacity, capacity, now, windowMs);
  }

  /** Tokens available at `now` (after refilling). */
  available(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.last) * this.rate) / this.intervalMs);
    this.last = Math.max(this.last, now);
    return this.tokens;
  }

  /** Takes `cost` tokens if all of them are there; answers whether it did. */
  take(cost: number, now: number): boolean {
    if (this.available(now) < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /**
   * Spends tokens already checked with `available` (several buckets charged
   * together). A cost settled after the fact may leave the bucket in debt,
   * and a negative cost refunds (never past the burst).
   */
  spend(cost: number): void {
    this.tokens = Math.min(this.burst, this.tokens - cost);
  }

  /**
   * Takes one token even when none is there (the bucket goes into debt) and
   * answers how many ms the caller must wait before using it: golang.org/x/time/rate's
   * Reserve as client-go's BucketRateLimiter uses it, so a burst of reservations
   * queues up behind each other at `rate`.
   */
  reserve(now: number): number {
    this.available(now);
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * this.intervalMs) / this.rate);
  }

  /** Whether the bucket is full again at `now`: it then says nothing a new one would not. */
  isFull(now: number): boolean {
    return this.available(now) >= this.burst;
  }
}
