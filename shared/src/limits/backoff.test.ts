import { describe, expect, it } from '@jest/globals';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it.each([
    // base, max, attempts → delays (no jitter)
    { baseMs: 100, maxMs: 1_000, delays: [100, 200, 400, 800, 1_000, 1_000] },
    { baseMs: 50, maxMs: 1_000, delays: [50, 100, 200, 400, 800, 1_000] },
    { baseMs: 1_000, maxMs: 300_000, delays: [1_000, 2_000, 4_000, 8_000, 16_000, 32_000] },
  ])('base $baseMs, cap $maxMs: $delays', ({ baseMs, maxMs, delays }) => {
    expect(delays.map((_, i) => backoffDelay({ baseMs, maxMs }, i + 1))).toEqual(delays);
  });

  it('treats attempt 0 (and below) as the first retry', () => {
    expect(backoffDelay({ baseMs: 100, maxMs: 1_000 }, 0)).toBe(100);
    expect(backoffDelay({ baseMs: 100, maxMs: 1_000 }, -3)).toBe(100);
  });

  it('scales by a factor between the jitter bounds, drawn from the given source', () => {
    const backoff = { baseMs: 100, maxMs: 1_000, jitter: [0.5, 1] as const };
    expect(backoffDelay(backoff, 3, () => 0)).toBe(200);
    expect(backoffDelay(backoff, 3, () => 0.5)).toBe(300);
    expect(backoffDelay(backoff, 3, () => 0.999_999)).toBe(400);
    expect(backoffDelay({ ...backoff, jitter: [0.75, 1.25] }, 10, () => 1)).toBe(1_250);
  });
});
