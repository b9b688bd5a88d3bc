/**
 * A token bucket: holds up to `burst` tokens and earns `perSecond`; a
 * message costs its weight in tokens. The clock is passed in on each call,
 * so the bucket is plain state a store can keep (and tests can drive).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Tokens available at `now` (after refilling). */
  available(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, now - this.last) / 1000) * this.perSecond);
    this.last = Math.max(this.last, now);
    return this.tokens;
  }

  /** Takes `cost` tokens if all of them are there; answers whether it did. */
  take(cost: number, now: number): boolean {
    if (this.available(now) < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Spends tokens already checked with `available` (several buckets charged together). */
  spend(cost: number): void {
    this.tokens -= cost;
  }

  /** Whether the bucket is full again at `now`: it then says nothing a new one would not. */
  isFull(now: number): boolean {
    return this.available(now) >= this.burst;
  }
}
