export * from './redis-bus.js';
export { redisBusClientOptions, reconnectDelayMs, DEFAULT_COMMAND_TIMEOUT_MS, type RedisConnectionRole } from './client-options.js';
export { escapeGlob } from './glob.js';
export * from './socket-io-adapter.js';
