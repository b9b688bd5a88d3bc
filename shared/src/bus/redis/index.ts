export * from './redis-bus.js';
export { redisBusClientOptions, redisClusterOptions, reconnectDelayMs, DEFAULT_COMMAND_TIMEOUT_MS, type RedisConnectionRole } from './client-options.js';
export { escapeGlob } from './glob.js';
export type { RedisBusMetrics, RedisCommandKind } from './redis-bus-metrics.js';
export { redisTarget, type RedisTarget } from './redis-target.js';
export * from './socket-io-adapter.js';
