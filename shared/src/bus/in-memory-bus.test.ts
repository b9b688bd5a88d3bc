import { describe, expect, it } from '@jest/globals';
import { runMessageBusContract } from '@aether/testing/bus-contract';
import { InMemoryBroker, InMemoryBus } from './in-memory-bus.js';

for (const delivery of ['checked', 'by-reference'] as const) {
  runMessageBusContract(
    `InMemoryBus (${delivery})`,
    async () => {
      const broker = new InMemoryBroker();
      // injectRaw reaches every listener on the broker, whichever bus does the injecting.
      const injector = new InMemoryBus({ source: 'raw-injector' }, broker);
      return {
        make: async (source, hooks = {}) => new InMemoryBus({ source, delivery, ...hooks }, broker),
        publishRaw: async (channel, text) => injector.injectRaw(channel, text),
        cleanup: () => injector.close(),
      };
    },
    { delivery },
  );
}

describe('InMemoryBus by reference', () => {
  it('hands every subscriber the very payload that was published, without copying or checking it', async () => {
    const broker = new InMemoryBroker();
    const a = new InMemoryBus({ source: 'a', delivery: 'by-reference' }, broker);
    const b = new InMemoryBus({ source: 'b', delivery: 'by-reference' }, broker);
    const c = new InMemoryBus({ source: 'c' }, broker);
    const seen: unknown[] = [];
    await b.subscribe('ch', (envelope) => seen.push(envelope.payload));
    await c.subscribe('ch', (envelope) => seen.push(envelope.payload));
    const frame = new Uint8Array([1, 2, 3]);
    const payload = { messages: [], frames: [{ characterId: 'x', frame }] };
    await a.publish('ch', 'client.batch', payload);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(payload);
    expect(seen[1]).toBe(payload);
    await Promise.all([a.close(), b.close(), c.close()]);
  });
});

describe('InMemoryBus expiry', () => {
  it('sweeps expired keys out of memory on a later write, though nobody reads them again', async () => {
    let now = 1_000_000;
    const broker = new InMemoryBroker();
    const bus = new InMemoryBus({ source: 'a', now: () => now }, broker);
    for (let i = 0; i < 500; i += 1) await bus.set(`token:${i}`, 'v', { ttlMs: 60_000 });
    await bus.set('kept', 'forever');
    await bus.set('later', 'v', { ttlMs: 120_000 });
    expect(broker.store.size).toBe(502);

    now += 60_000;
    await bus.set('another', 'v');
    expect([...broker.store.keys()].sort()).toEqual(['another', 'kept', 'later']);

    // At most one sweep a second: a key expiring just after is swept by a write a second later.
    await bus.set('brief', 'v', { ttlMs: 10 });
    now += 20;
    await bus.incr('counter');
    expect(broker.store.has('brief')).toBe(true);
    now += 1_000;
    await bus.setIfEqual('kept', 'forever', 'still');
    expect(broker.store.has('brief')).toBe(false);
    expect(await bus.get('kept')).toBe('still');
    await bus.close();
  });
});
