import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { Cluster, Redis, type Command } from 'ioredis';
import { reconnectDelayMs } from './client-options.js';
import { redisTarget } from './redis-target.js';

export interface SocketIoRedisAdapterOptions {
  /** A command of the adapter's failed (Redis away, refused credentials); told once per failure. */
  onCommandError?: (error: Error) => void;
  /** `url` lists Redis Cluster seeds (REDIS_CLUSTER=1): the sharded adapter (SPUBLISH/SSUBSCRIBE) on two Cluster clients. */
  cluster?: boolean;
}

/**
 * The Socket.IO Redis adapter between gateways, on its own two connections
 * (its subscriber is in subscribe mode, and its traffic should not queue
 * behind the bus's). Kept here so that only bus adapters import ioredis.
 */
/** What Socket.IO's `adapter` option takes: a constructor-like factory per namespace. */
type AdapterFactory = ReturnType<typeof createAdapter>;

export function createSocketIoRedisAdapter(url: string, options: SocketIoRedisAdapterOptions = {}): { adapter: AdapterFactory; close(): Promise<void> } {
  const target = redisTarget(url, options.cluster);
  let pub: Redis | Cluster;
  let sub: Redis | Cluster;
  if (target.kind === 'single') {
    pub = new Redis(target.url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    sub = pub.duplicate();
  } else {
    const cluster = (shardedSubscribers: boolean) =>
      new Cluster(target.seeds, {
        clusterRetryStrategy: reconnectDelayMs,
        retryDelayOnFailover: 200,
        shardedSubscribers,
        redisOptions: { ...target.nodeOptions, maxRetriesPerRequest: 2 },
      });
    pub = cluster(false);
    sub = cluster(true);
  }
  // Connection trouble is reported by the bus; the adapter's clients just reconnect.
  pub.on('error', () => {});
  sub.on('error', () => {});
  for (const client of [pub, sub]) reportRejections(client, options.onCommandError ?? (() => {}));
  return {
    // The sharded adapter's channels are `aether:socket.io#<namespace>#…`, each on its own slot's shard.
    adapter:
      target.kind === 'single'
        ? createAdapter(pub, sub, { key: 'aether:socket.io' })
        : (createShardedAdapter(pub, sub, { channelPrefix: 'aether:socket.io' }) as unknown as AdapterFactory),
    close: async () => {
      // QUIT is polite when Redis is there; when it is not, QUIT fails and the
      // clients would go on reconnecting (a timer that keeps the process alive).
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/**
 * The adapter sends commands (SUBSCRIBE at start, PUBLISH for every
 * cross-gateway broadcast) without handling their promises; one that fails
 * while Redis is away would be an unhandled rejection, which ends a Node
 * process. Every command's promise gets a handler here, so a failure is
 * reported instead; callers that await a command still see it fail.
 */
function reportRejections(client: Redis | Cluster, report: (error: Error) => void): void {
  const send = client.sendCommand.bind(client) as (command: Command, ...rest: unknown[]) => unknown;
  (client as { sendCommand: (command: Command, ...rest: unknown[]) => unknown }).sendCommand = (command, ...rest) => {
    const sent = send(command, ...rest);
    command.promise.catch((error: unknown) => report(error instanceof Error ? error : new Error(String(error))));
    return sent;
  };
}
