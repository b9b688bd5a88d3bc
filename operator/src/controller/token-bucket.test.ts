import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  const clocked = (qps: number, burst: number) => {
    let now = 1_000_000;
    const bucket = new TokenBucket({ qps, burst, clock: () => now });
    return { bucket, advance: (ms: number) => void (now += ms) };
  };

  it.each([
    // qps, burst, reservations at one instant → the waits they are told
    { qps: 10, burst: 3, waits: [0, 0, 0, 100, 200, 300] },
    { qps: 2, burst: 1, waits: [0, 500, 1000, 1500] },
    { qps: 100, burst: 2, waits: [0, 0, 10, 20] },
  ])('qps $qps, burst $burst: $waits', ({ qps, burst, waits }) => {
    const { bucket } = clocked(qps, burst);
    expect(waits.map(() => bucket.reserve())).toEqual(waits);
  });

  it('refills at qps, never above burst', () => {
    const { bucket, advance } = clocked(10, 2);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 100]);
    advance(100); // pays back the token borrowed
    expect(bucket.reserve()).toBe(100);
    advance(60_000); // a long quiet spell refills only up to burst
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 100]);
  });

  it('refuses a nonsensical configuration', () => {
    expect(() => new TokenBucket({ qps: 0, burst: 1 })).toThrow(/qps > 0/);
    expect(() => new TokenBucket({ qps: 1, burst: 0 })).toThrow(/burst >= 1/);
  });
});
