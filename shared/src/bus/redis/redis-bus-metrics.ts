import type { RedisConnectionRole } from './client-options.js';

/** The command kinds the bus times: a small, fixed label set. */
export type RedisCommandKind = 'publish' | 'get' | 'set' | 'del' | 'incr' | 'script' | 'hash' | 'scan';

/**
 * What the bus reports about its dependency, without knowing how it is
 * exported (shared/src/observability/dependency-metrics.ts turns it into
 * Prometheus metrics). Every call happens on a hot path: implementations
 * must be cheap and must not throw.
 */
export interface RedisBusMetrics {
  /** One command's round trip, queueing in the client included; `ok` false when it failed or timed out. */
  command(kind: RedisCommandKind, seconds: number, ok: boolean): void;
  /** A connection came back after being down. */
  reconnected(connection: RedisConnectionRole): void;
  /** Publish-to-receive time of one delivered envelope, from its `ts` (clocks of different hosts included). */
  delivered(lagSeconds: number): void;
}
