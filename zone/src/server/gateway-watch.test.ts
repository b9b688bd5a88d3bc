import { GatewayWatch } from './gateway-watch.js';

/** The watch's rounds against a registry and clock the test controls. */
function watch(alive: Set<string>, gateways: string[], graceMs = 10_000) {
  let now = 0;
  const dropped: string[] = [];
  let failing = false;
  const registry = {
    getHeartbeat: async (id: string) => {
      if (failing) throw new Error('redis down');
      return alive.has(id) ? { type: 'gateway' as const, zones: [], players: 1, tickP99Ms: 0, ts: now } : null;
    },
  };
  const subject = new GatewayWatch(
    registry,
    () => gateways,
    async (id) => void dropped.push(id),
    { graceMs, now: () => now },
  );
  return { subject, dropped, at: (ms: number) => void (now = ms), fail: (value: boolean) => void (failing = value) };
}

describe('GatewayWatch', () => {
  it('drops a gateway only after its heartbeat has been missing for the grace period', async () => {
    const { subject, dropped, at } = watch(new Set(['g-live']), ['g-live', 'g-dead']);
    await subject.check();
    at(9_999);
    await subject.check();
    expect(dropped).toEqual([]);
    at(10_000);
    await subject.check();
    expect(dropped).toEqual(['g-dead']);
  });

  it('a heartbeat that comes back (a Redis that restarted empty) resets the count', async () => {
    const alive = new Set<string>();
    const { subject, dropped, at } = watch(alive, ['g1']);
    await subject.check();
    at(6_000);
    alive.add('g1');
    await subject.check();
    alive.delete('g1');
    at(12_000);
    await subject.check();
    at(21_999);
    await subject.check();
    expect(dropped).toEqual([]);
    at(22_000);
    await subject.check();
    expect(dropped).toEqual(['g1']);
  });

  it('an unreachable registry is no proof of anything: the round fails and nobody is dropped', async () => {
    const { subject, dropped, at, fail } = watch(new Set(), ['g1']);
    fail(true);
    await expect(subject.check()).rejects.toThrow('redis down');
    at(60_000);
    await expect(subject.check()).rejects.toThrow('redis down');
    expect(dropped).toEqual([]);
    fail(false);
    await subject.check();
    expect(dropped).toEqual([]); // the grace starts now
  });
});
