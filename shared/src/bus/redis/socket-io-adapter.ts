import { createAdapter } from '@socket.io/redis-adapter';
import { Redis, type Command } from 'ioredis';

export interface SocketIoRedisAdapterOptions {
  /** A command of the adapter's failed (Redis away, refused credentials); told once per failure. */
  onCommandError?: (error: Error) => void;
}

/**
 * The Socket.IO Redis adapter between gateways, on its own two connections
 * (its subscriber is in subscribe mode, and its traffic should not queue
 * behind the bus's). Kept here so that only bus adapters import ioredis.
 */
export function createSocketIoRedisAdapter(url: string, options: SocketIoRedisAdapterOptions = {}) {
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const sub = pub.duplicate();
  // Connection trouble is reported by the bus; the adapter's clients just reconnect.
  pub.on('error', () => {});
  sub.on('error', () => {});
  for (const client of [pub, sub]) reportRejections(client, options.onCommandError ?? (() => {}));
  return {
    adapter: createAdapter(pub, sub, { key: 'aether:socket.io' }),
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
function reportRejections(client: Redis, report: (error: Error) => void): void {
  const send = client.sendCommand.bind(client);
  client.sendCommand = (command: Command, stream?: Parameters<Redis['sendCommand']>[1]) => {
    const sent = send(command, stream);
    command.promise.catch((error: unknown) => report(error instanceof Error ? error : new Error(String(error))));
    return sent;
  };
}
