import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { runMessageBusContract, type MessageBusTestBedFactory } from '@aether/testing/bus-contract';
import type { BusEnvelope } from '../../src/bus/message-bus.js';
import { RedisBus, redisBusClientOptions, type RedisConnectionChange } from '../../src/bus/redis/index.js';
import { SequenceTracker } from '../../src/bus/sequence-tracker.js';
import { type RedisServer, startRedisServer, waitFor } from '@aether/testing';

const sharedUrl = process.env.TEST_REDIS_URL;
if (!sharedUrl) throw new Error('TEST_REDIS_URL is not set; run this file in the integration project, whose global setup starts Redis');
// Keys live in this file's own database so other files' FLUSHDBs and listings stay apart.
// Pub/sub ignores databases; the contract gives every test fresh channel names instead.
const url = `${sharedUrl}/7`;

jest.setTimeout(30_000);

beforeAll(async () => {
  const admin = new Redis(url);
  await admin.flushdb();
  await admin.quit();
});

const testBed =
  (pubsub: 'classic' | 'sharded'): MessageBusTestBedFactory =>
  async () => {
    const raw = new Redis(url);
    return {
      make: async (source, hooks = {}) => new RedisBus({ source, url, pubsub, ...hooks }),
      publishRaw: async (channel, text) => {
        await (pubsub === 'sharded' ? raw.spublish(channel, text) : raw.publish(channel, text));
      },
      cleanup: async () => {
        await raw.quit();
      },
    };
  };

runMessageBusContract('RedisBus', testBed('classic'));
runMessageBusContract('RedisBus with sharded pub/sub (SPUBLISH/SSUBSCRIBE)', testBed('sharded'));

const channel = () => `redis-only-${randomUUID().slice(0, 8)}`;

describe('RedisBus on its own Redis', () => {
  let server: RedisServer;
  let admin: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
  });
  afterAll(async () => {
    await admin.quit();
    await server.stop();
  });

  const readyClients = async (source: string) => {
    const commands = new Redis(server.url, redisBusClientOptions('commands', { source }));
    const subscriber = new Redis(server.url, redisBusClientOptions('subscriber', { source }));
    await waitFor(() => commands.status === 'ready' && subscriber.status === 'ready', { message: 'both connections ready' });
    return { commands, subscriber };
  };
  const numsub = async (name: string) => Number(((await admin.pubsub('NUMSUB', name)) as [string, number])[1]);

  it('holds one Redis subscription per channel however many handlers it has', async () => {
    const clients = await readyClients('numsub');
    const subscribe = jest.spyOn(clients.subscriber, 'subscribe');
    const unsubscribe = jest.spyOn(clients.subscriber, 'unsubscribe');
    const bus = new RedisBus({ source: 'numsub', clients });
    const name = channel();

    const subs = await Promise.all([1, 2, 3].map(() => bus.subscribe(name, () => undefined)));
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(await numsub(name)).toBe(1);

    await subs[0]!.unsubscribe();
    await subs[1]!.unsubscribe();
    expect(unsubscribe).not.toHaveBeenCalled();
    expect(await numsub(name)).toBe(1);

    await subs[2]!.unsubscribe();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(await numsub(name)).toBe(0);
    await bus.close();
  });

  it('lists keys with SCAN, never KEYS', async () => {
    const stats = async () => {
      const info = await admin.info('commandstats');
      const calls = (command: string) => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
      return { keys: calls('keys'), scan: calls('scan') };
    };
    const bus = new RedisBus({ source: 'scan', url: server.url });
    await bus.set('scan-test:a', '1');
    const before = await stats();
    expect(await bus.keys('scan-test:')).toEqual(['scan-test:a']);
    const after = await stats();
    expect(after.keys).toBe(before.keys);
    expect(after.scan).toBeGreaterThan(before.scan);
    await bus.close();
  });

  it('close() quits both of its connections', async () => {
    const names = async () => (await admin.client('LIST')).toString().match(/name=\S+/g) ?? [];
    const bus = new RedisBus({ source: 'closer', url: server.url });
    await bus.subscribe(channel(), () => undefined);
    await bus.get('anything');
    expect(await names()).toEqual(expect.arrayContaining(['name=aether:closer:commands', 'name=aether:closer:subscriber']));
    await bus.close();
    await waitFor(async () => !(await names()).some((name) => name.startsWith('name=aether:closer:')), {
      message: 'the server to see both connections gone',
    });
  });

  it('reports its connections as ready once connected', async () => {
    const changes: RedisConnectionChange[] = [];
    const bus = new RedisBus({ source: 'states', url: server.url, onConnectionChange: (change) => changes.push(change) });
    await waitFor(() => changes.length === 2, { message: 'two ready reports' });
    expect(changes).toEqual(
      expect.arrayContaining([
        { connection: 'commands', state: 'ready' },
        { connection: 'subscriber', state: 'ready' },
      ]),
    );
    await bus.close();
  });
});

describe('RedisBus across a Redis restart', () => {
  const OUTAGE_MS = 3_000;

  it('fails commands quickly while Redis is gone, then resubscribes and delivers again', async () => {
    let server = await startRedisServer();
    const changes: Array<RedisConnectionChange & { at: number }> = [];
    const publisher = new RedisBus({ source: 'restart-pub', url: server.url });
    const subscriber = new RedisBus({
      source: 'restart-sub',
      url: server.url,
      onConnectionChange: (change) => changes.push({ ...change, at: Date.now() }),
    });
    const [first, second] = [channel(), channel()];
    const received: Array<{ channel: string; envelope: BusEnvelope }> = [];
    const tracker = new SequenceTracker();
    let gapSeen = 0;
    for (const name of [first, second]) {
      await subscriber.subscribe(name, (envelope, on) => {
        received.push({ channel: on, envelope });
        gapSeen += tracker.observe(envelope.source, on, envelope.seq);
      });
    }
    try {
      await publisher.publish(first, 'player.leave', { characterId: 'before', sessionId: 'session-1' });
      await waitFor(() => received.length === 1, { message: 'delivery before the restart' });

      const killedAt = Date.now();
      await server.kill('SIGKILL');
      await waitFor(() => changes.some((c) => c.connection === 'subscriber' && c.state === 'down' && c.at >= killedAt), {
        message: 'the subscriber to notice Redis has gone',
      });

      // Redis is down: commands must fail within a bound, not hang.
      const failures: number[] = [];
      for (const attempt of [
        () => publisher.publish(first, 'player.leave', { characterId: 'lost', sessionId: 'session-1' }),
        () => publisher.get('anything'),
      ]) {
        const started = Date.now();
        await expect(attempt()).rejects.toThrow(/Redis .* failed/);
        failures.push(Date.now() - started);
      }
      for (const ms of failures) expect(ms).toBeLessThan(2_500);

      // Stay down long enough for the reconnect backoff to reach its cap, the slow case for recovery.
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - killedAt)));
      server = await startRedisServer({ port: server.port });
      const restartedAt = Date.now();

      // Publish on both channels until each has come through: that proves every subscription came back.
      const delivered = () => new Set(received.filter((r) => r.envelope.payload.characterId === 'after').map((r) => r.channel));
      await waitFor(
        async () => {
          await Promise.allSettled([first, second].map((name) => publisher.publish(name, 'player.leave', { characterId: 'after', sessionId: 'session-1' })));
          return delivered().size === 2;
        },
        { timeoutMs: 15_000, intervalMs: 20, message: 'deliveries on both channels after the restart' },
      );
      const flowingAt = Date.now();
      const resubscribed = await waitFor(() => changes.find((c) => c.connection === 'subscriber' && c.state === 'ready' && c.at >= restartedAt), {
        message: 'the subscriber to report its subscriptions restored',
      });

      console.log(
        `Redis restart recovery (down ${restartedAt - killedAt} ms): outage noticed ${changes.find((c) => c.state === 'down')!.at - killedAt} ms after SIGKILL; ` +
          `commands failed after ${failures.join(' / ')} ms while down; ` +
          `subscriptions restored ${resubscribed.at - restartedAt} ms and messages flowing on both channels ` +
          `${flowingAt - restartedAt} ms after the new redis-server answered PING`,
      );
      // The publish lost during the outage shows up as a hole in seq, which is how receivers know to resync.
      expect(gapSeen).toBeGreaterThan(0);
    } finally {
      await Promise.allSettled([publisher.close(), subscriber.close()]);
      await server.stop();
    }
  });

  it('bounds commands while Redis is frozen, reconnects by itself, and recovers when it thaws', async () => {
    const server = await startRedisServer();
    const changes: RedisConnectionChange[] = [];
    const options = { url: server.url, commandTimeoutMs: 300, healthCheckIntervalMs: 100 };
    const publisher = new RedisBus({ source: 'frozen-pub', ...options });
    const subscriber = new RedisBus({ source: 'frozen-sub', ...options, onConnectionChange: (change) => changes.push(change) });
    const name = channel();
    const received: string[] = [];
    await subscriber.subscribe(name, (envelope) => {
      if (envelope.type === 'player.leave') received.push(envelope.payload.characterId);
    });
    try {
      await server.kill('SIGSTOP');
      const started = Date.now();
      await expect(publisher.publish(name, 'player.leave', { characterId: 'frozen', sessionId: 'session-1' })).rejects.toThrow(/Redis .* failed/);
      const failedAfter = Date.now() - started;
      expect(failedAfter).toBeLessThan(1_500);
      // No socket event tells a client that a peer froze; only the health-check PING can.
      await waitFor(() => changes.some((c) => c.connection === 'subscriber' && c.state === 'down'), {
        timeoutMs: 5_000,
        message: 'the health check to drop the subscriber connection',
      });
      await server.kill('SIGCONT');
      await waitFor(
        async () => {
          await publisher.publish(name, 'player.leave', { characterId: 'thawed', sessionId: 'session-1' }).catch(() => undefined);
          return received.includes('thawed');
        },
        { timeoutMs: 15_000, intervalMs: 50, message: 'delivery after the thaw' },
      );
      console.log(`frozen Redis: publish failed after ${failedAfter} ms (commandTimeout 300 ms)`);
    } finally {
      await server.kill('SIGCONT');
      await Promise.allSettled([publisher.close(), subscriber.close()]);
      await server.stop();
    }
  });
});
