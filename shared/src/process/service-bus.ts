import type { Logger } from 'pino';
import type { Registry as MetricsRegistry } from 'prom-client';
import { Registry } from '../registry/registry.js';
import { RedisBus } from '../bus/redis/redis-bus.js';
import { redisBusMetrics } from '../observability/dependency-metrics.js';

export interface ServiceBusOptions {
  /** REDIS_CLUSTER=1: `url` lists Redis Cluster seed nodes (docs/design.md §2). */
  cluster?: boolean;
  /** Where the bus's Redis latency, reconnect and lag metrics go. */
  metrics?: MetricsRegistry;
}

/**
 * The Redis bus and registry a distributed-mode process runs on, with every
 * problem they can report going to the process's log.
 */
export function createServiceBus(source: string, url: string, logger: Logger, options: ServiceBusOptions = {}): { bus: RedisBus; registry: Registry } {
  const bus = new RedisBus({
    source,
    url,
    cluster: options.cluster,
    ...(options.metrics ? { metrics: redisBusMetrics(options.metrics) } : {}),
    onInvalid: (error, channel) => logger.error({ err: error, channel }, 'dropped an invalid bus message'),
    onHandlerError: (error, channel) => logger.error({ err: error, channel }, 'bus handler failed'),
    onConnectionChange: (change) => logger.info(change, 'redis connection'),
  });
  if (options.cluster) logger.info({ seeds: url.split(',').length }, 'Redis Cluster mode (sharded pub/sub)');
  const registry = new Registry(bus, (key, error) => logger.warn({ key, err: error }, 'malformed registry value ignored'));
  return { bus, registry };
}
