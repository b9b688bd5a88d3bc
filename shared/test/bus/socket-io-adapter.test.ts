import { afterEach, describe, expect, it } from '@jest/globals';
import { Server } from 'socket.io';
import { createSocketIoRedisAdapter } from '../../src/bus/redis/index.js';
import { type RedisServer, startRedisServer, waitFor } from '@aether/testing';

/**
 * The Socket.IO Redis adapter sends PUBLISH for every broadcast without
 * handling the promise: with Redis away, that used to be an unhandled
 * rejection, which ends a Node process (a gateway crashed on a Redis blip).
 */
describe('Socket.IO Redis adapter while Redis is away', () => {
  let redis: RedisServer | undefined;
  let io: Server | undefined;
  let close: (() => Promise<void>) | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled);
    // Not io.close(): this server has no HTTP server or engine to close, only the adapter's connections.
    io?.of('/').adapter.close();
    await close?.();
    await redis?.stop();
  });

  it('reports failed broadcasts instead of leaving their rejections unhandled', async () => {
    redis = await startRedisServer();
    const failures: Error[] = [];
    const socketAdapter = createSocketIoRedisAdapter(redis.url, { onCommandError: (error) => failures.push(error) });
    close = socketAdapter.close;
    io = new Server({ adapter: socketAdapter.adapter });
    process.on('unhandledRejection', onUnhandled);
    io.emit('announce', 'while Redis is up');

    await redis.kill();
    for (let i = 0; i < 5; i += 1) io.to(`character:${i}`).emit('error', { code: 'already_in_world', message: 'x' });
    await waitFor(async () => failures.length >= 5, { timeoutMs: 10_000, message: 'the failed broadcasts to be reported' });
    // Give Node a turn to report anything left unhandled.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unhandled).toEqual([]);
    expect(failures[0]!.message).toMatch(/max retries|Connection is closed|ECONNREFUSED/i);
  }, 30_000);
});
