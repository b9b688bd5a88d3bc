import { runMessageBusContract } from './contract.js';
import { InMemoryBroker, InMemoryBus } from './in-memory-bus.js';

runMessageBusContract('InMemoryBus', async () => {
  const broker = new InMemoryBroker();
  // injectRaw reaches every listener on the broker, whichever bus does the injecting.
  const injector = new InMemoryBus({ source: 'raw-injector' }, broker);
  return {
    make: async (source, hooks = {}) => new InMemoryBus({ source, ...hooks }, broker),
    publishRaw: async (channel, text) => injector.injectRaw(channel, text),
    cleanup: () => injector.close(),
  };
});
