import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { Registry } from 'prom-client';
import { databasePoolMetrics, redisBusMetrics } from './dependency-metrics.js';

const value = async (registry: Registry, name: string, labels: Record<string, string> = {}) =>
  (await registry.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;

describe('dependency metrics', () => {
  it('counts Redis commands by kind and result, reconnects by connection, and delivery lag', async () => {
    const registry = new Registry();
    const metrics = redisBusMetrics(registry);
    metrics.command('publish', 0.001, true);
    metrics.command('publish', 0.002, true);
    metrics.command('script', 2, false);
    metrics.reconnected('subscriber');
    metrics.delivered(0.004);
    const text = await registry.metrics();
    expect(text).toContain('aether_redis_command_duration_seconds_count{command="publish",result="ok"} 2');
    expect(text).toContain('aether_redis_command_duration_seconds_count{command="script",result="error"} 1');
    expect(text).toContain('aether_redis_reconnects_total{connection="subscriber"} 1');
    expect(text).toContain('aether_redis_pubsub_lag_seconds_count 1');
  });

  it("reads the pool's counts at scrape time and times queries on each pooled connection, callback or promise", async () => {
    const registry = new Registry();
    const pool = Object.assign(new EventEmitter(), { totalCount: 4, idleCount: 1, waitingCount: 3, options: { max: 10 } });
    databasePoolMetrics(registry, pool as unknown as pg.Pool);
    expect(await value(registry, 'aether_db_pool_connections', { state: 'in_use' })).toBe(3);
    expect(await value(registry, 'aether_db_pool_connections', { state: 'idle' })).toBe(1);
    expect(await value(registry, 'aether_db_pool_waiting_queries')).toBe(3);
    expect(await value(registry, 'aether_db_pool_max_connections')).toBe(10);

    const client = {
      query: (text: string, ...rest: unknown[]) => {
        const callback = rest.at(-1);
        if (typeof callback === 'function') {
          setImmediate(() => callback(text === 'bad' ? new Error('no') : undefined, { rows: [] }));
          return undefined;
        }
        return text === 'bad' ? Promise.reject(new Error('no')) : Promise.resolve({ rows: [] });
      },
    };
    pool.emit('connect', client);
    await client.query('select 1');
    await expect(client.query('bad')).rejects.toThrow('no');
    const answered = await new Promise((resolve) => client.query('select 2', [], (error: unknown, result: unknown) => resolve({ error, result })));
    expect(answered).toEqual({ error: undefined, result: { rows: [] } });
    const text = await registry.metrics();
    expect(text).toContain('aether_db_query_duration_seconds_count{result="ok"} 2');
    expect(text).toContain('aether_db_query_duration_seconds_count{result="error"} 1');
  });
});
