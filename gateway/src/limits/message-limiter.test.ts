import { AccountBuckets } from './account-buckets.js';
import { MessageLimiter } from './message-limiter.js';

describe('MessageLimiter', () => {
  const limits = { socket: { perSecond: 10, burst: 10 }, refusalsBeforeDisconnect: 5 };

  it('charges the socket and the account together, and says which one refused', () => {
    let now = 0;
    const accounts = new AccountBuckets(10, 15, 600_000, () => now);
    const one = new MessageLimiter('alice', accounts, limits, () => now);
    const two = new MessageLimiter('alice', accounts, limits, () => now);
    expect(one.take(8)).toEqual({ ok: true });
    expect(one.take(3)).toEqual({ ok: false, scope: 'socket', disconnect: false });
    // The second socket has its own 10, but the account has 7 left.
    expect(two.take(8)).toEqual({ ok: false, scope: 'account', disconnect: false });
    expect(two.take(7)).toEqual({ ok: true });
    // A socket refused by the account did not pay its own bucket either.
    now = 1000;
    expect(two.take(3)).toEqual({ ok: true });
  });

  it('survives a reconnect: a new socket of the account starts from the account bucket as it was', () => {
    const now = 0;
    const accounts = new AccountBuckets(1, 20, 600_000, () => now);
    const before = new MessageLimiter('mallory', accounts, { ...limits, socket: { perSecond: 100, burst: 100 } }, () => now);
    expect(before.take(20)).toEqual({ ok: true });
    const after = new MessageLimiter('mallory', accounts, { ...limits, socket: { perSecond: 100, burst: 100 } }, () => now);
    expect(after.take(1)).toMatchObject({ ok: false, scope: 'account' });
  });

  it('asks for a disconnect once refusals pass the threshold within about ten seconds, not for the odd refusal', () => {
    let now = 0;
    const accounts = new AccountBuckets(1000, 1000, 600_000, () => now);
    const limiter = new MessageLimiter('flood', accounts, { socket: { perSecond: 1, burst: 1 }, refusalsBeforeDisconnect: 5 }, () => now);
    expect(limiter.take(1).ok).toBe(true);
    const verdicts = Array.from({ length: 6 }, () => limiter.take(1));
    expect(verdicts.map((v) => !v.ok && v.disconnect)).toEqual([false, false, false, false, false, true]);

    const polite = new MessageLimiter('polite', accounts, { socket: { perSecond: 1, burst: 1 }, refusalsBeforeDisconnect: 5 }, () => now);
    // One refusal every 3 s: the refusal allowance refills faster than it is spent.
    for (let i = 0; i < 20; i += 1) {
      now += 3000;
      expect(polite.take(1).ok).toBe(true);
      expect(polite.take(1)).toEqual({ ok: false, scope: 'socket', disconnect: false });
    }
  });
});
