import { KeyedBuckets } from './keyed-buckets.js';

describe('KeyedBuckets', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows a burst of `capacity`, then refuses with the seconds until one token is back', () => {
    const buckets = new KeyedBuckets({ capacity: 3, refillSeconds: 10, now: clock });
    for (let i = 0; i < 3; i++) {
      expect(buckets.check('a')).toEqual({ ok: true });
      buckets.take('a');
    }
    expect(buckets.check('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    now += 4_000;
    expect(buckets.check('a')).toEqual({ ok: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect(buckets.check('a')).toEqual({ ok: true });
    // Other keys are untouched.
    expect(buckets.check('b')).toEqual({ ok: true });
  });

  it('give() returns a token and forgets a bucket that is full again', () => {
    const buckets = new KeyedBuckets({ capacity: 2, refillSeconds: 60, now: clock });
    buckets.take('a');
    expect(buckets.size).toBe(1);
    buckets.give('a');
    expect(buckets.size).toBe(0);
    buckets.take('a');
    buckets.take('a');
    buckets.give('a');
    expect(buckets.check('a')).toEqual({ ok: true });
  });

  it('never holds more than maxKeys, whatever a flood of new keys does', () => {
    const buckets = new KeyedBuckets({ capacity: 2, refillSeconds: 1, maxKeys: 100, now: clock });
    for (let i = 0; i < 1000; i++) buckets.take(`flood-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });

  it('when full, forgets buckets that have refilled before any that still hold a debt', () => {
    const buckets = new KeyedBuckets({ capacity: 2, refillSeconds: 1, maxKeys: 10, now: clock });
    buckets.take('attacker');
    buckets.take('attacker');
    for (let i = 0; i < 8; i++) buckets.take(`old-${i}`);
    now += 1_500; // the old keys are full again; the attacker is still one token short
    buckets.take('attacker');
    buckets.take('newcomer'); // the tenth key
    buckets.take('latecomer'); // no room: the eight refilled buckets go, the attacker's debt stays
    expect(buckets.size).toBe(3);
    expect(buckets.check('attacker').ok).toBe(false);
  });
});
