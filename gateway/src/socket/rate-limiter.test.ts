import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst, then refuses, then refills with time', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 3, 100, () => now);
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual(['ok', 'ok', 'ok', 'limited']);
    now += 100; // one token back at 10/s
    expect([limiter.take(), limiter.take()]).toEqual(['ok', 'limited']);
  });

  it('calls a client abusive once refusals pile up', () => {
    const limiter = new RateLimiter(1, 1, 3, () => 0);
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual(['ok', 'limited', 'limited', 'abusive']);
  });
});
