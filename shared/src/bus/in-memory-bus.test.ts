import { describe, expect, it } from '@jest/globals';
import { runMessageBusContract } from './contract.js';
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
