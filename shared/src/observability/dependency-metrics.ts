import type pg from 'pg';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { RedisBusMetrics, RedisCommandKind } from '../bus/redis/redis-bus-metrics.js';

const LATENCY_BUCKETS = [0.0002, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5];

/**
 * The bus's view of Redis as Prometheus metrics (docs/metrics.md,
 * "Dependencies"). Label children are made once and kept: `command()` runs
 * for every PUBLISH, so it must not hash label sets each time.
 */
export function redisBusMetrics(registry: Registry): RedisBusMetrics {
  const commands = new Histogram({
    name: 'aether_redis_command_duration_seconds',
    help: 'Round trip of one bus command to Redis, client queueing included, by kind and result.',
    labelNames: ['command', 'result'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const reconnects = new Counter({
    name: 'aether_redis_reconnects_total',
    help: 'Times a bus connection to Redis came back after being down (subscriber: every subscription restored).',
    labelNames: ['connection'],
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'aether_redis_pubsub_lag_seconds',
    help: "Publish-to-receive time of bus envelopes this process received, from the envelope's timestamp.",
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const children = new Map<string, Histogram.Internal<string>>();
  const child = (kind: RedisCommandKind, ok: boolean) => {
    const key = ok ? kind : `${kind}!`;
    let found = children.get(key);
    if (!found) {
      found = commands.labels(kind, ok ? 'ok' : 'error');
      children.set(key, found);
    }
    return found;
  };
  return {
    command: (kind, seconds, ok) => child(kind, ok).observe(seconds),
    reconnected: (connection) => reconnects.inc({ connection }),
    delivered: (seconds) => lag.observe(seconds),
  };
}

/**
 * PostgreSQL pool metrics: connections in use and idle and callers waiting
 * for one, read from node-postgres at scrape time (nothing on the query
 * path), and the duration of every query, timed on each pooled connection.
 */
export function databasePoolMetrics(registry: Registry, pool: pg.Pool): void {
  new Gauge({
    name: 'aether_db_pool_connections',
    help: 'PostgreSQL connections in the pool, by state (in use, idle).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    },
  });
  new Gauge({
    name: 'aether_db_pool_max_connections',
    help: 'The pool size (most connections it opens).',
    registers: [registry],
    collect() {
      this.set(pool.options.max ?? 10);
    },
  });
  new Gauge({
    name: 'aether_db_pool_waiting_queries',
    help: 'Queries waiting for a free pooled connection.',
    registers: [registry],
    collect() {
      this.set(pool.waitingCount);
    },
  });
  const queries = new Histogram({
    name: 'aether_db_query_duration_seconds',
    help: 'Duration of one PostgreSQL query on a pooled connection (waiting for a connection not included), by result.',
    labelNames: ['result'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const ok = queries.labels('ok');
  const failed = queries.labels('error');
  // Every query, pool.query's and those inside transactions alike, runs through a client's query().
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const started = performance.now();
      const done = (error: unknown) => (error ? failed : ok).observe((performance.now() - started) / 1000);
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === 'function') {
        args[last] = (error: unknown, ...rest: unknown[]) => {
          done(error);
          return (callback as (...a: unknown[]) => unknown)(error, ...rest);
        };
        return query(...args);
      }
      const result = query(...args);
      if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
        (result as PromiseLike<unknown>).then(
          () => done(undefined),
          (error: unknown) => done(error ?? true),
        );
      }
      return result;
    };
  });
}
