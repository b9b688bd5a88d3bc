import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('starts full, spends by cost, refills at its rate up to the burst', () => {
    const bucket = new TokenBucket(10, 20, 0);
    expect(bucket.take(15, 0)).toBe(true);
    expect(bucket.take(6, 0)).toBe(false);
    expect(bucket.take(5, 0)).toBe(true);
    expect(bucket.take(1, 0)).toBe(false);
    // 10 per second: 250 ms earns 2.5.
    expect(bucket.take(3, 250)).toBe(false);
    expect(bucket.take(2, 250)).toBe(true);
    expect(bucket.available(60_000)).toBe(20);
    expect(bucket.isFull(60_000)).toBe(true);
  });

  it('a refused take costs nothing, and a clock going backwards earns nothing', () => {
    const bucket = new TokenBucket(1, 5, 1000);
    expect(bucket.take(6, 1000)).toBe(false);
    expect(bucket.available(1000)).toBe(5);
    bucket.spend(5);
    expect(bucket.available(0)).toBe(0);
    expect(bucket.available(1000)).toBe(0);
    expect(bucket.available(2000)).toBe(1);
  });

  it.each([
    // rate a second, burst, reservations at one instant → the waits they are told
    { rate: 10, burst: 3, waits: [0, 0, 0, 100, 200, 300] },
    { rate: 2, burst: 1, waits: [0, 500, 1000, 1500] },
    { rate: 100, burst: 2, waits: [0, 0, 10, 20] },
  ])('reserve: rate $rate, burst $burst: $waits', ({ rate, burst, waits }) => {
    const bucket = new TokenBucket(rate, burst, 1_000_000);
    expect(waits.map(() => bucket.reserve(1_000_000))).toEqual(waits);
  });

  it('reserve: the debt is paid back at the rate, and a quiet spell refills only up to the burst', () => {
    const bucket = new TokenBucket(10, 2, 0);
    expect([bucket.reserve(0), bucket.reserve(0), bucket.reserve(0)]).toEqual([0, 0, 100]);
    expect(bucket.reserve(100)).toBe(100); // the borrowed token is paid back, the new one borrowed
    expect([bucket.reserve(60_000), bucket.reserve(60_000), bucket.reserve(60_000)]).toEqual([0, 0, 100]);
  });
});
