import type { ClusterOptions, RedisOptions } from 'ioredis';
import { backoffDelay } from '../../limits/backoff.js';

export type RedisConnectionRole = 'commands' | 'subscriber';

export const DEFAULT_COMMAND_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 1_000;

/**
 * How the bus's two ioredis connections behave while Redis is away. The
 * guiding rule: a caller learns within a bounded time that Redis is not
 * there, and nothing the bus sends is replayed behind its back.
 *
 * - `enableOfflineQueue: true` — commands issued before the first connect or
 *   during a short blip wait instead of failing, so start-up order between a
 *   process and Redis does not matter.
 * - `maxRetriesPerRequest: 1` — once Redis is refusing connections, queued
 *   commands fail after the second failed reconnect attempt (a few hundred
 *   ms), not after ioredis's default 20 (tens of seconds).
 * - `commandTimeout` — the hard upper bound on any command, time in the
 *   offline queue included. It also covers what no socket event reports: a
 *   blackholed network or a frozen server.
 * - `autoResendUnfulfilledCommands: false` for commands — a PUBLISH or SET
 *   whose reply was lost in a disconnect is not sent again later; the caller
 *   already saw it fail (or time out) and pub/sub is at-most-once anyway.
 *   The subscriber keeps resending: a repeated SUBSCRIBE is harmless.
 * - `autoResubscribe: false` — RedisBus restores subscriptions itself on every
 *   `ready`, from its own handler table. ioredis's restore fires promises
 *   nobody handles (an unhandled rejection ends a Node process if the link
 *   drops mid-restore) and rebuilds its channel list from server acks, which
 *   a second drop before the acks empties.
 * - `disconnectTimeout: 500` — a forced reconnect (health check) first ends
 *   the socket politely; a dead peer never answers that, so do not wait the
 *   default 2 s before destroying it.
 * - reconnect delay: exponential from 50 ms, capped at 1 s, with jitter so a
 *   fleet of gateways and zones does not reconnect in lock-step after a
 *   Redis restart. The cap is what bounds recovery time after Redis returns.
 */
export function redisBusClientOptions(
  role: RedisConnectionRole,
  { source, commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS }: { source: string; commandTimeoutMs?: number },
): RedisOptions {
  return {
    connectionName: `aether:${source.replace(/[^\w.:-]/g, '_')}:${role}`,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    autoResubscribe: false,
    autoResendUnfulfilledCommands: role === 'subscriber',
    retryStrategy: reconnectDelayMs,
    disconnectTimeout: 500,
  };
}

/** Never gives up: a bus outlives any Redis outage; callers see failures per command instead. */
export function reconnectDelayMs(attempt: number): number {
  return backoffDelay({ baseMs: 50, maxMs: MAX_RECONNECT_DELAY_MS, jitter: [0.75, 1.25] }, attempt);
}

/**
 * The same guiding rule for a Redis Cluster client. Each node connection
 * takes the per-connection settings above; the cluster client adds its own
 * retry rules around them:
 *
 * - `clusterRetryStrategy` — after every node is gone, reconnect with the
 *   same capped backoff as a single server, forever.
 * - `retryDelayOnFailover` / `retryDelayOnClusterDown` / `retryDelayOnTryAgain`
 *   — a command whose node went away, or that met CLUSTERDOWN or TRYAGAIN
 *   while a replica is being promoted, waits a little and goes again to
 *   whichever node then owns its slot (still bounded by `commandTimeout`).
 * - `maxRedirections` — MOVED/ASK redirections followed per command before it
 *   fails; a resharding or a failover needs one or two.
 * - `shardedSubscribers` (subscriber role) — one SSUBSCRIBE connection per
 *   master, each holding the channels of its slots; ioredis moves them to the
 *   new master after a failover and subscribes them again there.
 */
export function redisClusterOptions(
  role: RedisConnectionRole,
  { source, commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS, nodeOptions = {} }: { source: string; commandTimeoutMs?: number; nodeOptions?: RedisOptions },
): ClusterOptions {
  const { retryStrategy: _single, enableOfflineQueue: _queue, ...perNode } = redisBusClientOptions(role, { source, commandTimeoutMs });
  return {
    enableOfflineQueue: true,
    clusterRetryStrategy: reconnectDelayMs,
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    retryDelayOnTryAgain: 100,
    maxRedirections: 16,
    slotsRefreshTimeout: commandTimeoutMs,
    shardedSubscribers: role === 'subscriber',
    redisOptions: { ...perNode, ...nodeOptions },
  };
}
