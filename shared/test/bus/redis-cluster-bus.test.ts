import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { runMessageBusContract, type MessageBusTestBedFactory } from '@aether/testing/bus-contract';
import { type RedisCluster, startRedisCluster, waitFor } from '@aether/testing';
import { Server } from 'socket.io';
import { createSocketIoRedisAdapter, RedisBus, redisTarget } from '../../src/bus/redis/index.js';
import { redisBusMetrics } from '../../src/observability/dependency-metrics.js';

jest.setTimeout(30_000);

/**
 * The same contract the single-server RedisBus passes, on a real Redis
 * Cluster (3 masters, 3 replicas): keys spread over the shards by slot,
 * channels are sharded (SPUBLISH/SSUBSCRIBE) and live on their slot's master.
 */
let cluster: RedisCluster;
const seeds = () => redisTarget(cluster.url, true);

beforeAll(async () => {
  cluster = await startRedisCluster();
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

const testBed: MessageBusTestBedFactory = async () => {
  const target = seeds();
  if (target.kind !== 'cluster') throw new Error('expected cluster seeds');
  const raw = new Cluster(target.seeds);
  return {
    make: async (source, hooks = {}) => new RedisBus({ source, url: cluster.url, cluster: true, ...hooks }),
    publishRaw: async (channel, text) => {
      await raw.spublish(channel, text);
    },
    cleanup: async () => {
      await raw.quit();
    },
  };
};

runMessageBusContract('RedisBus on a Redis Cluster', testBed);

describe('RedisBus on a Redis Cluster: what only a cluster shows', () => {
  it('spreads channels over every shard and still delivers on each', async () => {
    const publisher = new RedisBus({ source: 'spread-pub', url: cluster.url, cluster: true });
    const subscriber = new RedisBus({ source: 'spread-sub', url: cluster.url, cluster: true });
    try {
      const channels = Array.from({ length: 24 }, (_, i) => `spread-${i}-${randomUUID().slice(0, 6)}`);
      const heard = new Set<string>();
      for (const name of channels) await subscriber.subscribe(name, (_envelope, on) => heard.add(on));
      for (const name of channels) await publisher.publish(name, 'player.leave', { characterId: name, sessionId: 'session-1' });
      await waitFor(() => heard.size === channels.length, { message: 'a delivery on every channel' });

      // Each master holds some of the subscriptions: SSUBSCRIBE went to the shard of each channel's slot.
      const perMaster = await Promise.all(
        (await cluster.masters()).map(async (master) => {
          const node = new Redis(master.port, '127.0.0.1');
          const found = (await node.call('PUBSUB', 'SHARDCHANNELS', 'spread-*')) as string[];
          await node.quit();
          return found.length;
        }),
      );
      expect(perMaster.every((count) => count > 0)).toBe(true);
      expect(perMaster.reduce((a, b) => a + b, 0)).toBe(channels.length);
    } finally {
      await Promise.allSettled([publisher.close(), subscriber.close()]);
    }
  });

  it('lists keys from every master and reports command latency and delivery lag', async () => {
    const metrics = new Registry();
    const bus = new RedisBus({ source: 'keys', url: cluster.url, cluster: true, metrics: redisBusMetrics(metrics) });
    try {
      const prefix = `listing-${randomUUID().slice(0, 6)}:`;
      const written = Array.from({ length: 30 }, (_, i) => `${prefix}${i}`);
      for (const key of written) await bus.set(key, '1');
      expect((await bus.keys(prefix)).sort()).toEqual([...written].sort());

      const heard: string[] = [];
      const name = `lag-${randomUUID().slice(0, 6)}`;
      await bus.subscribe(name, (envelope) => heard.push(envelope.type));
      await bus.publish(name, 'player.leave', { characterId: 'c', sessionId: 'session-1' });
      await waitFor(() => heard.length === 1, { message: 'the delivery' });

      const text = await metrics.metrics();
      expect(text).toMatch(/aether_redis_command_duration_seconds_count\{command="set",result="ok"\} 30/);
      expect(text).toMatch(/aether_redis_command_duration_seconds_count\{command="scan",result="ok"\} [1-9]/);
      expect(text).toMatch(/aether_redis_pubsub_lag_seconds_count 1/);
    } finally {
      await bus.close();
    }
  });

  it('carries Socket.IO messages between two servers through the sharded adapter', async () => {
    const adapters = [createSocketIoRedisAdapter(cluster.url, { cluster: true }), createSocketIoRedisAdapter(cluster.url, { cluster: true })];
    const [one, two] = adapters.map((socketAdapter) => new Server({ adapter: socketAdapter.adapter }));
    const heard: string[] = [];
    two!.on('cluster-check', (text: string) => heard.push(text));
    try {
      // The second server's SSUBSCRIBE may still be on its way: emit until it hears one.
      await waitFor(
        () => {
          one!.serverSideEmit('cluster-check', 'hello from one');
          return heard.length > 0;
        },
        { timeoutMs: 10_000, intervalMs: 100, message: 'the second Socket.IO server to hear the first' },
      );
      expect(heard[0]).toBe('hello from one');
    } finally {
      for (const io of [one, two]) io!.of('/').adapter.close();
      await Promise.all(adapters.map((socketAdapter) => socketAdapter.close()));
    }
  });
});
