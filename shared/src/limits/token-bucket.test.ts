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
});
