import { AccountBuckets } from './account-buckets.js';

describe('AccountBuckets', () => {
  it('gives an account the same bucket on every call until it has been idle for idleMs', () => {
    let now = 0;
    const buckets = new AccountBuckets(1, 10, 60_000, () => now);
    const first = buckets.bucketFor('alice');
    first.spend(10);
    now = 30_000;
    // A reconnect within the idle time finds the bucket as it was left (refilled by 30 s at 1/s, capped at 10).
    expect(buckets.bucketFor('alice')).toBe(first);
    first.spend(10);
    expect(buckets.bucketFor('bob')).not.toBe(first);
    expect(buckets.size).toBe(2);
    now = 30_000 + 60_000;
    expect(buckets.bucketFor('alice')).not.toBe(first);
  });

  it('forgets idle accounts in a sweep, so the store does not grow with every account ever seen', () => {
    let now = 0;
    const buckets = new AccountBuckets(1, 10, 10_000, () => now);
    for (let i = 0; i < 1000; i += 1) buckets.bucketFor(`account-${i}`);
    expect(buckets.size).toBe(1000);
    now = 61_000;
    buckets.bucketFor('newcomer');
    expect(buckets.size).toBe(1);
  });
});
