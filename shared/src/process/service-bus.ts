import type { Logger } from 'pino';
import { Registry } from '../registry/registry.js';
import { RedisBus } from '../bus/redis/redis-bus.js';

/**
 * The Redis bus and registry a distributed-mode process runs on, with every
 * problem they can report going to the process's log.
 */
export function createServiceBus(source: string, url: string, logger: Logger): { bus: RedisBus; registry: Registry } {
  const bus = new RedisBus({
    source,
    url,
    onInvalid: (error, channel) => logger.error({ err: error, channel }, 'dropped an invalid bus message'),
    onHandlerError: (error, channel) => logger.error({ err: error, channel }, 'bus handler failed'),
    onConnectionChange: (change) => logger.info(change, 'redis connection'),
  });
  const registry = new Registry(bus, (key, error) => logger.warn({ key, err: error }, 'malformed registry value ignored'));
  return { bus, registry };
}
