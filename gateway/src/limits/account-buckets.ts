import { TokenBucket } from '@aether/shared';

/** How often (at most) `bucketFor` looks through the store for idle accounts. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Token buckets by account id, shared by all of an account's sockets on
 * this gateway and kept after they disconnect, so reconnecting does not
 * refill them. An account idle for `idleMs` is forgotten (its bucket would
 * be full again by then anyway). With the chart's ClientIP session affinity
 * a reconnecting client returns to the same gateway, and so to its bucket.
 */
export class AccountBuckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; lastUsed: number }>();
  private lastSweep: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  get size(): number {
    return this.buckets.size;
  }

  bucketFor(accountId: string): TokenBucket {
    const now = this.now();
    this.sweep(now);
    let entry = this.buckets.get(accountId);
    if (!entry || now - entry.lastUsed >= this.idleMs) {
      entry = { bucket: new TokenBucket(this.perSecond, this.burst, now), lastUsed: now };
      this.buckets.set(accountId, entry);
    }
    entry.lastUsed = now;
    return entry.bucket;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [accountId, entry] of this.buckets) if (now - entry.lastUsed >= this.idleMs) this.buckets.delete(accountId);
  }
}
