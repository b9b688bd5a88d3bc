import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

/**
 * The Socket.IO Redis adapter between gateways, on its own two connections
 * (its subscriber is in subscribe mode, and its traffic should not queue
 * behind the bus's). Kept here so that only bus adapters import ioredis.
 */
export function createSocketIoRedisAdapter(url: string) {
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const sub = pub.duplicate();
  // Connection trouble is reported by the bus; the adapter's clients just reconnect.
  pub.on('error', () => {});
  sub.on('error', () => {});
  return {
    adapter: createAdapter(pub, sub, { key: 'aether:socket.io' }),
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
