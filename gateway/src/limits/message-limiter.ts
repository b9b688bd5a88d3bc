import type { AccountBuckets } from './account-buckets.js';
import { TokenBucket } from '@aether/shared';

export type LimitVerdict =
  | { ok: true }
  /** `disconnect`: the client kept pushing past the limit; close it. */
  | { ok: false; scope: 'socket' | 'account'; disconnect: boolean };

/** Seconds of refusals the disconnect threshold is measured over. */
const REFUSAL_WINDOW_SECONDS = 10;

/**
 * One socket's rate limit: a message passes when both the socket's bucket
 * and its account's bucket (shared by the account's sockets, kept across
 * reconnects) hold its cost, and then both pay. A socket refused about
 * `refusalsBeforeDisconnect` times within ten seconds is to be closed.
 */
export class MessageLimiter {
  private readonly own: TokenBucket;
  private readonly refusals: TokenBucket;

  constructor(
    private readonly accountId: string,
    private readonly accounts: AccountBuckets,
    limits: { socket: { perSecond: number; burst: number }; refusalsBeforeDisconnect: number },
    private readonly now: () => number = Date.now,
  ) {
    const start = now();
    this.own = new TokenBucket(limits.socket.perSecond, limits.socket.burst, start);
    const threshold = limits.refusalsBeforeDisconnect;
    this.refusals = new TokenBucket(threshold / REFUSAL_WINDOW_SECONDS, threshold, start);
  }

  take(cost: number): LimitVerdict {
    const now = this.now();
    const account = this.accounts.bucketFor(this.accountId);
    let scope: 'socket' | 'account' | undefined;
    if (this.own.available(now) < cost) scope = 'socket';
    else if (account.available(now) < cost) scope = 'account';
    if (!scope) {
      this.own.spend(cost);
      account.spend(cost);
      return { ok: true };
    }
    const disconnect = !this.refusals.take(1, now);
    return { ok: false, scope, disconnect };
  }
}
