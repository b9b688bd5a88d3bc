import { SingleFlightCache } from './single-flight-cache.js';

describe('SingleFlightCache', () => {
  it('shares one computation among concurrent callers and reuses it for ttlMs', async () => {
    let now = 0;
    let loads = 0;
    let release!: () => void;
    const cache = new SingleFlightCache(
      1500,
      async () => {
        loads += 1;
        await new Promise<void>((resolve) => (release = resolve));
        return `answer ${loads}`;
      },
      () => now,
    );
    const waiting = Array.from({ length: 50 }, () => cache.get());
    release();
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(['answer 1']));
    now = 1499;
    expect(await cache.get()).toBe('answer 1');
    now = 1500;
    const next = cache.get();
    release();
    expect(await next).toBe('answer 2');
    expect(loads).toBe(2);
  });

  it('does not keep a failure', async () => {
    let fail = true;
    const cache = new SingleFlightCache(10_000, async () => {
      if (fail) throw new Error('registry down');
      return 'ok';
    });
    await expect(cache.get()).rejects.toThrow('registry down');
    fail = false;
    expect(await cache.get()).toBe('ok');
  });
});
