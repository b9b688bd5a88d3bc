import { WatchdogWatch } from './watchdog.js';

type Callback = (phase: string, object: unknown, raw?: unknown) => void;

/** client-node's Watch as the informer sees it: the test plays the API server. */
class FakeWatch {
  readonly requests: Array<{ path: string; params: Record<string, unknown>; send: Callback; end: (error: unknown) => void; controller: AbortController }> = [];
  async watch(path: string, params: Record<string, string | number | boolean | undefined>, callback: Callback, done: (error: unknown) => void) {
    const controller = new AbortController();
    let ended = false;
    const end = (error: unknown) => {
      if (ended) return;
      ended = true;
      done(error);
    };
    // Like client-node: aborting the request ends the watch with the abort error.
    controller.signal.addEventListener('abort', () => end(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })));
    this.requests.push({ path, params, send: callback, end, controller });
    return controller;
  }
}

function setup(idleMs = 1000) {
  let now = 0;
  const inner = new FakeWatch();
  const idles: number[] = [];
  const watchdog = new WatchdogWatch(inner, { idleMs, clock: () => now, onIdle: (ms) => idles.push(ms) });
  const ended: unknown[] = [];
  const events: string[] = [];
  const start = () =>
    watchdog.watch(
      '/api/v1/pods',
      { resourceVersion: '5' },
      (phase) => events.push(phase),
      (error) => ended.push(error),
    );
  return { inner, watchdog, idles, ended, events, start, advance: (ms: number) => void (now += ms) };
}

describe('WatchdogWatch', () => {
  it('asks for bookmarks and passes everything through', async () => {
    const t = setup();
    await t.start();
    expect(t.inner.requests[0]!.params).toEqual({ resourceVersion: '5', allowWatchBookmarks: true });
    t.inner.requests[0]!.send('ADDED', {});
    t.inner.requests[0]!.end(null);
    expect(t.events).toEqual(['ADDED']);
    expect(t.ended).toEqual([null]);
  });

  it.each([
    // step: ms to advance, then what the server sends (or nothing); restarted: what check() says after it
    {
      name: 'events keep it alive',
      steps: [
        [600, 'MODIFIED'],
        [600, 'MODIFIED'],
        [600, undefined],
      ],
      restarted: [false, false, false],
    },
    {
      name: 'bookmarks keep it alive',
      steps: [
        [900, 'BOOKMARK'],
        [900, 'BOOKMARK'],
        [900, 'BOOKMARK'],
      ],
      restarted: [false, false, false],
    },
    {
      name: 'silence past the limit cuts it',
      steps: [
        [600, 'BOOKMARK'],
        [1000, undefined],
        [1001, undefined],
      ],
      restarted: [false, false, true],
    },
  ] as const)('$name', async ({ steps, restarted }) => {
    const t = setup(1000);
    await t.start();
    const said: boolean[] = [];
    for (const [ms, phase] of steps) {
      t.advance(ms);
      if (phase) t.inner.requests[0]!.send(phase, {});
      said.push(t.watchdog.check());
    }
    expect(said).toEqual(restarted);
  });

  it('a cut watch ends as 410 Gone (the informer lists again) and is counted once', async () => {
    const t = setup(1000);
    await t.start();
    t.advance(1500);
    expect(t.watchdog.check()).toBe(true);
    expect(t.watchdog.check()).toBe(false); // already cut
    expect(t.idles).toEqual([1500]);
    expect(t.inner.requests[0]!.controller.signal.aborted).toBe(true);
    expect(t.ended).toHaveLength(1);
    expect(t.ended[0]).toMatchObject({ statusCode: 410, message: expect.stringMatching(/silent too long/) });
  });

  it('a watch that ended on its own is not cut, and the next watch starts a fresh clock', async () => {
    const t = setup(1000);
    await t.start();
    const error = new Error('connection reset');
    t.inner.requests[0]!.end(error);
    expect(t.ended).toEqual([error]); // errors pass through unchanged
    t.advance(5000);
    expect(t.watchdog.check()).toBe(false); // nothing running
    expect(t.watchdog.idleFor()).toBeUndefined();
    await t.start();
    expect(t.watchdog.idleFor()).toBe(0);
    t.advance(999);
    expect(t.watchdog.check()).toBe(false);
  });
});
