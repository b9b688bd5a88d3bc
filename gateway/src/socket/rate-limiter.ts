/**
 * Token bucket per connection: `burst` messages at once, refilled at
 * `perSecond`. Messages over the limit are refused; a client that keeps
 * pushing past `abuseThreshold` refusals is treated as abusive.
 */
export class RateLimiter {
  private tokens: number;
  private refused = 0;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly abuseThreshold: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** 'ok' to proceed, 'limited' to refuse this one, 'abusive' to disconnect. */
  take(): 'ok' | 'limited' | 'abusive' {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      // Good behaviour slowly earns back the tolerance.
      this.refused = Math.max(0, this.refused - 0.1);
      return 'ok';
    }
    this.refused += 1;
    return this.refused >= this.abuseThreshold ? 'abusive' : 'limited';
  }
}
