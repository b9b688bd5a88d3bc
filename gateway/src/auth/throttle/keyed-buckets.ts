/** A bucket's answer: allowed, or how long until one token is back. */
export type BucketVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface KeyedBucketsOptions {
  /** Tokens a key holds when full (the burst). */
  capacity: number;
  /** Seconds for one token to come back. */
  refillSeconds: number;
  /** Most keys held; beyond it full buckets are forgotten first, then the oldest. */
  maxKeys?: number;
  /** Milliseconds; injected so tests drive time. */
  now: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets by key (an IP address, a username), in memory. A key with a
 * full bucket is the same as an unknown key, so such entries are dropped when
 * the map grows; the map never exceeds maxKeys, whatever an attacker sends.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(private readonly options: KeyedBucketsOptions) {
    this.maxKeys = options.maxKeys ?? 50_000;
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Whether `key` has a token, without taking it. */
  check(key: string): BucketVerdict {
    const tokens = this.tokens(key);
    return tokens >= 1 ? { ok: true } : { ok: false, retryAfterSeconds: this.secondsUntilOne(tokens) };
  }

  /** Takes one token (the bucket may go to zero, never below). */
  take(key: string): void {
    const tokens = this.tokens(key);
    this.store(key, Math.max(0, tokens - 1));
  }

  /** Gives a token back (a reserved attempt turned out fine). */
  give(key: string): void {
    const tokens = Math.min(this.options.capacity, this.tokens(key) + 1);
    if (tokens >= this.options.capacity) this.buckets.delete(key);
    else this.store(key, tokens);
  }

  private tokens(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.options.capacity;
    const refilled = bucket.tokens + (this.options.now() - bucket.at) / 1000 / this.options.refillSeconds;
    return Math.min(this.options.capacity, refilled);
  }

  private secondsUntilOne(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) * this.options.refillSeconds));
  }

  private store(key: string, tokens: number): void {
    this.buckets.delete(key); // re-inserted last: the map's order is oldest first
    if (this.buckets.size >= this.maxKeys) this.makeRoom();
    this.buckets.set(key, { tokens, at: this.options.now() });
  }

  /** Forgets full buckets, then the oldest down to 90 %, so a flood of new keys costs one sweep per many inserts. */
  private makeRoom(): void {
    for (const key of [...this.buckets.keys()]) if (this.tokens(key) >= this.options.capacity) this.buckets.delete(key);
    const keep = Math.floor(this.maxKeys * 0.9);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= keep) break;
      this.buckets.delete(key);
    }
  }
}
