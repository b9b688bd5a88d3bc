import { WorkQueue } from './work-queue.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WorkQueue', () => {
  it('queues a key once however many events name it', async () => {
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 100 });
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(queue.length).toBe(2);
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
  });

  it('never hands one key to two workers: an add while processing comes back after done', async () => {
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 100 });
    queue.add('a');
    const key = await queue.get();
    queue.add('a');
    expect(queue.length).toBe(0); // not while it is being processed
    queue.done(key!);
    expect(queue.length).toBe(1);
    expect(await queue.get()).toBe('a');
  });

  it('wakes a waiting worker', async () => {
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 100 });
    const next = queue.get();
    queue.add('a');
    expect(await next).toBe('a');
  });

  it('backs off exponentially per key, capped, until forgotten', () => {
    const queue = new WorkQueue({ baseDelayMs: 100, maxDelayMs: 500 });
    expect([1, 2, 3, 4, 5].map(() => queue.addRateLimited('a'))).toEqual([100, 200, 400, 500, 500]);
    expect(queue.addRateLimited('b')).toBe(100);
    queue.forget('a');
    expect(queue.addRateLimited('a')).toBe(100);
    queue.shutDown();
  });

  it.each([
    // client-go's MaxOf(exponential per key, bucket for all): each retry waits the longer of the two.
    {
      name: 'one failing key: its own backoff dominates',
      keys: ['a', 'a', 'a'],
      delays: [10, 20, 40],
    },
    {
      name: 'many keys failing at once: the bucket spreads them at qps after the burst',
      keys: ['a', 'b', 'c', 'd', 'e', 'f'],
      delays: [10, 10, 10, 100, 200, 300],
    },
    {
      name: 'the longer of the two wins at every step',
      keys: ['a', 'a', 'a', 'a', 'a', 'a'],
      delays: [10, 20, 40, 100, 200, 320],
    },
  ])('rate-limits retries: $name', ({ keys, delays }) => {
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 1000, qps: 10, burst: 3, clock: () => 5_000 });
    expect(keys.map((key) => queue.whenRetry(key))).toEqual(delays);
  });

  it('the bucket refills with time: a failure after a quiet spell retries at its own backoff', () => {
    let now = 0;
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 1000, qps: 10, burst: 1, clock: () => now });
    expect([queue.whenRetry('a'), queue.whenRetry('b')]).toEqual([10, 100]);
    now += 1_000;
    expect(queue.whenRetry('c')).toBe(10);
  });

  it('adds after a delay, keeping the earliest of several', async () => {
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 100 });
    queue.addAfter('a', 200);
    queue.addAfter('a', 20);
    await sleep(60);
    expect(queue.length).toBe(1);
    await sleep(200);
    expect(queue.length).toBe(1);
    queue.shutDown();
  });

  it('shutDown releases waiting workers and drops delayed keys', async () => {
    const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 100 });
    const waiting = queue.get();
    queue.addAfter('a', 20);
    queue.shutDown();
    expect(await waiting).toBeUndefined();
    await sleep(40);
    expect(await queue.get()).toBeUndefined();
  });
});
