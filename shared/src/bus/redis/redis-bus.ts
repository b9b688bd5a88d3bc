import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { EnvelopeCodec, type InvalidMessageError, type WireMessage } from '../codec.js';
import { BusClosedError, type BusEnvelope, type BusHandler, type MessageBus, type SetOptions, type Subscription } from '../message-bus.js';
import type { BusMessageType, BusPayload } from '../../protocol/internal.js';
import { redisBusClientOptions, redisClusterOptions, type RedisConnectionRole } from './client-options.js';
import { escapeGlob } from './glob.js';
import type { RedisBusMetrics, RedisCommandKind } from './redis-bus-metrics.js';
import { redisTarget } from './redis-target.js';

/** A client for one server or for a Redis Cluster: the bus uses only commands both have. */
type RedisClient = Redis | Cluster;

export type RedisConnectionState = 'ready' | 'down';

export interface RedisConnectionChange {
  connection: RedisConnectionRole;
  /**
   * For the subscriber, `ready` is reported only once Redis has acknowledged
   * every subscription again: from then on nothing more is lost, but whatever
   * was published while it was `down` is gone, so this is the moment to resync.
   */
  state: RedisConnectionState;
}

/** The slice of a pino logger the bus uses. */
export interface RedisBusLogger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

export interface RedisBusClients {
  /** Runs PUBLISH and the key commands. */
  commands: RedisClient;
  /**
   * Only ever in subscriber mode: Redis refuses other commands on such a
   * connection. On a cluster, a Cluster client with `shardedSubscribers`.
   */
  subscriber: RedisClient;
}

interface RedisBusCommonOptions {
  source: string;
  /** Called for a message that fails to decode; it is dropped either way. */
  onInvalid?: (error: InvalidMessageError, channel: string) => void;
  /** Called when a handler throws or its promise rejects; other handlers still run. */
  onHandlerError?: (error: unknown, channel: string) => void;
  onConnectionChange?: (change: RedisConnectionChange) => void;
  logger?: RedisBusLogger;
  /**
   * Channel flavour. `sharded` uses SPUBLISH/SSUBSCRIBE (Redis ≥ 7), the form
   * Redis Cluster needs so a channel lives on one shard; on a cluster it is
   * always used, whatever this says. It also runs on a single Redis.
   */
  pubsub?: 'classic' | 'sharded';
  /** Command latency, reconnects and delivery lag (docs/metrics.md, "Dependencies"). */
  metrics?: RedisBusMetrics;
  /** Every this often, PING both connections; a PING that times out forces a reconnect. 0 turns it off. */
  healthCheckIntervalMs?: number;
}

export type RedisBusOptions = RedisBusCommonOptions &
  (
    | {
        /** One server's URL; with `cluster`, the seed nodes' URLs separated by commas (redis-target.ts). */
        url: string;
        cluster?: boolean;
        /** Upper bound on any command, queueing included. */
        commandTimeoutMs?: number;
        redisOptions?: RedisOptions;
      }
    /**
     * Ready-made connections (tests, or a caller with its own TLS/Sentinel set-up).
     * Build them with `redisBusClientOptions` to keep the bus's reconnect
     * behaviour. The bus owns them from here on: `close()` closes them.
     */
    | { clients: RedisBusClients }
  );

const DEFAULT_HEALTH_CHECK_INTERVAL_MS = 5_000;
/** How long a cluster's sharded subscribers must stay whole before the bus reports them ready again. */
const CLUSTER_SUBSCRIBER_SETTLE_MS = 250;

interface ChannelEntry {
  handlers: Set<{ handler: BusHandler }>;
  /** The SUBSCRIBE that made this channel live; later handlers wait for it too. */
  subscribed: Promise<unknown>;
}

/**
 * MessageBus over Redis pub/sub and keys, through two ioredis connections:
 * a connection in subscriber mode can run nothing but (un)subscribe commands.
 * Envelopes go through the same EnvelopeCodec as the in-memory bus, so both
 * accept, reject and number messages identically.
 */
export class RedisBus implements MessageBus {
  readonly source: string;
  private readonly codec: EnvelopeCodec;
  private readonly commands: RedisClient;
  private readonly subscriber: RedisClient;
  /** On a Redis Cluster: sharded pub/sub, and ioredis (not the bus) restores subscriptions after a failover. */
  private readonly onCluster: boolean;
  private readonly channels = new Map<string, ChannelEntry>();
  private readonly states: Record<RedisConnectionRole, RedisConnectionState | 'connecting'> = {
    commands: 'connecting',
    subscriber: 'connecting',
  };
  private readonly lastError: Record<RedisConnectionRole, string | undefined> = { commands: undefined, subscriber: undefined };
  private readonly healthTimer: NodeJS.Timeout | undefined;
  /** Connections with a health PING out, or being dropped after one failed; not probed again until settled. */
  private readonly probing = new Set<RedisConnectionRole>();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: RedisBusOptions) {
    this.source = options.source;
    this.codec = new EnvelopeCodec(options.source);
    if ('clients' in options) {
      ({ commands: this.commands, subscriber: this.subscriber } = options.clients);
    } else {
      const target = redisTarget(options.url, options.cluster);
      const settings = { source: options.source, commandTimeoutMs: options.commandTimeoutMs };
      const connect = (role: RedisConnectionRole): RedisClient =>
        target.kind === 'single'
          ? new Redis(target.url, { ...redisBusClientOptions(role, settings), ...options.redisOptions })
          : new Cluster(target.seeds, redisClusterOptions(role, { ...settings, nodeOptions: { ...target.nodeOptions, ...options.redisOptions } }));
      this.commands = connect('commands');
      this.subscriber = connect('subscriber');
    }
    this.onCluster = this.commands instanceof Cluster;
    // Injected clients may be connected already and will send no 'ready' event.
    if (this.commands.status === 'ready') this.states.commands = 'ready';
    if (this.subscriber.status === 'ready') this.states.subscriber = 'ready';
    this.watch(this.commands, 'commands');
    this.watch(this.subscriber, 'subscriber');
    // Buffers, not strings: frames travel as bytes and are handed to sockets without a copy.
    this.subscriber.on(this.messageEvent(), (channel: Buffer, message: Buffer) => this.deliver(channel.toString(), message));
    const interval = options.healthCheckIntervalMs ?? DEFAULT_HEALTH_CHECK_INTERVAL_MS;
    if (interval > 0) {
      this.healthTimer = setInterval(() => this.checkHealth(), interval);
      this.healthTimer.unref();
    }
  }

  async publish<T extends BusMessageType>(channel: string, type: T, payload: BusPayload<T>): Promise<void> {
    this.assertOpen();
    const message = this.codec.encode(channel, type, payload);
    await this.run('publish', `publish "${type}" to ${channel}`, () => this.remotePublish(channel, message));
  }

  async subscribe(channel: string, handler: BusHandler): Promise<Subscription> {
    this.assertOpen();
    const token = { handler };
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { handlers: new Set(), subscribed: this.remoteSubscribe([channel]) };
      this.channels.set(channel, entry);
    }
    entry.handlers.add(token);
    try {
      await entry.subscribed;
    } catch (cause) {
      await this.detach(channel, token);
      if (this.closed) throw new BusClosedError();
      throw new Error(`could not subscribe to ${channel}`, { cause });
    }
    return { unsubscribe: () => this.detach(channel, token) };
  }

  async get(key: string): Promise<string | null> {
    this.assertOpen();
    return this.run('get', `GET ${key}`, () => this.commands.get(key));
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    this.assertOpen();
    const { ttlMs, onlyIfAbsent } = options;
    // Checked here, not left to Redis, so the in-memory bus can refuse exactly the same values.
    if (ttlMs !== undefined && !(Number.isSafeInteger(ttlMs) && ttlMs > 0)) {
      throw new RangeError(`ttlMs must be a positive whole number of milliseconds, got ${ttlMs}`);
    }
    const reply = await this.run('set', `SET ${key}`, () => {
      if (ttlMs !== undefined && onlyIfAbsent) return this.commands.set(key, value, 'PX', ttlMs, 'NX');
      if (ttlMs !== undefined) return this.commands.set(key, value, 'PX', ttlMs);
      if (onlyIfAbsent) return this.commands.set(key, value, 'NX');
      return this.commands.set(key, value);
    });
    return reply === 'OK';
  }

  async del(key: string): Promise<void> {
    this.assertOpen();
    await this.run('del', `DEL ${key}`, () => this.commands.del(key));
  }

  async take(key: string): Promise<string | null> {
    this.assertOpen();
    // A script rather than GETDEL, which needs Redis 6.2.
    const reply = await this.run('script', `get-and-delete ${key}`, () => this.commands.eval(GET_AND_DELETE, 1, key));
    return typeof reply === 'string' ? reply : null;
  }

  async incr(key: string, by = 1): Promise<number> {
    this.assertOpen();
    return this.run('incr', `INCRBY ${key}`, () => this.commands.incrby(key, by));
  }

  async setIfEqual(key: string, expected: string, value: string, ttlMs?: number): Promise<boolean> {
    this.assertOpen();
    const reply = await this.run('script', `compare-and-set ${key}`, () =>
      this.commands.eval(SET_IF_EQUAL, 1, key, expected, value, ttlMs === undefined ? '' : String(ttlMs)),
    );
    return reply === 1;
  }

  async deleteIfEqual(key: string, expected: string): Promise<boolean> {
    this.assertOpen();
    const reply = await this.run('script', `compare-and-delete ${key}`, () => this.commands.eval(DELETE_IF_EQUAL, 1, key, expected));
    return reply === 1;
  }

  async keys(prefix: string): Promise<string[]> {
    this.assertOpen();
    const pattern = `${escapeGlob(prefix)}*`;
    // SCAN may return a key more than once across iterations.
    const found = new Set<string>();
    // SCAN sees one server's keys: on a cluster, walk every master's share.
    const servers = this.commands instanceof Cluster ? this.commands.nodes('master') : [this.commands];
    for (const server of servers) {
      let cursor = '0';
      do {
        const [next, batch] = await this.run('scan', `SCAN MATCH ${pattern}`, () => server.scan(cursor, 'MATCH', pattern, 'COUNT', 500));
        for (const key of batch) found.add(key);
        cursor = next;
      } while (cursor !== '0');
    }
    return [...found];
  }

  async hashSet(key: string, field: string, value: string): Promise<void> {
    this.assertOpen();
    await this.run('hash', `HSET ${key}`, () => this.commands.hset(key, field, value));
  }

  async hashGetAll(key: string): Promise<Map<string, string>> {
    this.assertOpen();
    return new Map(Object.entries(await this.run('hash', `HGETALL ${key}`, () => this.commands.hgetall(key))));
  }

  async hashDelete(key: string, field: string): Promise<void> {
    this.assertOpen();
    await this.run('hash', `HDEL ${key}`, () => this.commands.hdel(key, field));
  }

  async hashDeleteIfEqual(key: string, field: string, expected: string): Promise<boolean> {
    this.assertOpen();
    const reply = await this.run('script', `compare-and-delete ${key} ${field}`, () => this.commands.eval(HASH_DELETE_IF_EQUAL, 1, key, field, expected));
    return reply === 1;
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    this.channels.clear();
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.closing = Promise.all([shutdown(this.commands), shutdown(this.subscriber)]).then(() => undefined);
    return this.closing;
  }

  // The four methods below are the only places that know which pub/sub
  // commands are in use: S* commands on a Redis Cluster (or when asked for),
  // the classic ones otherwise.

  private remotePublish(channel: string, message: WireMessage): Promise<unknown> {
    const data = typeof message === 'string' ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    return this.sharded ? this.commands.spublish(channel, data) : this.commands.publish(channel, data);
  }

  private remoteSubscribe(channels: string[]): Promise<unknown> {
    // In a cluster one SSUBSCRIBE may only name channels of one slot, so send them one by one.
    if (this.sharded) return Promise.all(channels.map((channel) => this.subscriber.ssubscribe(channel)));
    return this.subscriber.subscribe(...channels);
  }

  private remoteUnsubscribe(channel: string): Promise<unknown> {
    return this.sharded ? this.subscriber.sunsubscribe(channel) : this.subscriber.unsubscribe(channel);
  }

  private messageEvent(): 'messageBuffer' | 'smessageBuffer' {
    return this.sharded ? 'smessageBuffer' : 'messageBuffer';
  }

  private get sharded(): boolean {
    return this.onCluster || this.options.pubsub === 'sharded';
  }

  /** Drops one handler; the channel's Redis subscription goes with its last handler. Never rejects. */
  private async detach(channel: string, token: { handler: BusHandler }): Promise<void> {
    const entry = this.channels.get(channel);
    if (!entry?.handlers.delete(token) || entry.handlers.size > 0) return;
    this.channels.delete(channel);
    if (this.closed) return;
    try {
      await this.remoteUnsubscribe(channel);
    } catch (error) {
      // Delivery has already stopped locally, and a reconnect only restores channels that still have handlers.
      this.options.logger?.warn({ err: error, channel }, 'UNSUBSCRIBE failed; the channel is dropped locally');
    }
  }

  private deliver(channel: string, message: Buffer): void {
    // This runs inside ioredis's reply parser: nothing may escape from here.
    try {
      if (this.closed) return;
      const entry = this.channels.get(channel);
      if (!entry) return;
      let envelope: BusEnvelope;
      try {
        envelope = EnvelopeCodec.decode(message);
      } catch (error) {
        this.report('onInvalid', error, channel);
        return;
      }
      this.options.metrics?.delivered(Math.max(0, Date.now() - envelope.ts) / 1000);
      for (const { handler } of [...entry.handlers]) {
        try {
          const result: unknown = handler(envelope, channel);
          if (isPromiseLike(result)) result.then(undefined, (error) => this.report('onHandlerError', error, channel));
        } catch (error) {
          this.report('onHandlerError', error, channel);
        }
      }
    } catch (error) {
      this.options.logger?.error({ err: error, channel }, 'bus delivery failed');
    }
  }

  private report(hook: 'onInvalid' | 'onHandlerError', error: unknown, channel: string): void {
    try {
      if (hook === 'onInvalid' && this.options.onInvalid) this.options.onInvalid(error as InvalidMessageError, channel);
      else if (hook === 'onHandlerError' && this.options.onHandlerError) this.options.onHandlerError(error, channel);
      else this.options.logger?.warn({ err: error, channel }, hook === 'onInvalid' ? 'dropped an invalid bus message' : 'a bus handler failed');
    } catch (hookError) {
      this.options.logger?.error({ err: hookError, channel }, `${hook} threw`);
    }
  }

  private watch(client: RedisClient, role: RedisConnectionRole): void {
    // Without an 'error' listener ioredis prints every failed reconnect attempt to the console.
    client.on('error', (error: Error) => {
      if (this.closed || this.lastError[role] === error.message) return;
      this.lastError[role] = error.message;
      this.options.logger?.warn({ err: error, connection: role }, 'Redis connection error');
    });
    client.on('close', () => {
      this.probing.delete(role);
      this.changeState(role, 'down');
    });
    if (role === 'subscriber' && client instanceof Cluster) {
      // ioredis keeps the channel list per slot and subscribes it again on
      // the master that holds the slot now; the bus only reports the gap.
      // While a master is failing over, ioredis rebuilds its subscribers every
      // few tens of milliseconds; 'ready' waits for a quiet spell, so that
      // listeners resync once per failover rather than at every attempt.
      let settling: NodeJS.Timeout | undefined;
      client.on('-subscriber', () => {
        clearTimeout(settling);
        this.changeState(role, 'down');
      });
      client.on('subscribersReady', () => {
        clearTimeout(settling);
        settling = setTimeout(() => {
          this.lastError[role] = undefined;
          this.changeState(role, 'ready');
        }, CLUSTER_SUBSCRIBER_SETTLE_MS);
        settling.unref();
      });
      return;
    }
    client.on('ready', () => {
      this.lastError[role] = undefined;
      if (role === 'subscriber') this.restoreSubscriptions();
      else this.changeState(role, 'ready');
    });
  }

  /**
   * A fresh connection has no subscriptions. Re-subscribing everything that
   * has handlers is idempotent, so it also covers the first connect, when
   * SUBSCRIBEs issued earlier are still waiting in the offline queue.
   */
  private restoreSubscriptions(): void {
    const channels = [...this.channels.keys()];
    const restored = channels.length > 0 ? this.remoteSubscribe(channels) : Promise.resolve();
    restored.then(
      () => this.changeState('subscriber', 'ready'),
      (error: unknown) =>
        this.options.logger?.warn({ err: error, channels: channels.length }, 'could not restore subscriptions; trying again on the next reconnect'),
    );
  }

  private changeState(role: RedisConnectionRole, state: RedisConnectionState): void {
    if (this.closed || this.states[role] === state) return;
    if (state === 'ready' && this.states[role] === 'down') this.options.metrics?.reconnected(role);
    this.states[role] = state;
    this.options.logger?.info({ connection: role, state }, `Redis ${role} connection ${state}`);
    try {
      this.options.onConnectionChange?.({ connection: role, state });
    } catch (error) {
      this.options.logger?.error({ err: error }, 'onConnectionChange threw');
    }
  }

  /**
   * A dead peer that sent no FIN or RST (network partition, frozen host)
   * leaves a socket that looks open forever; a subscriber connection sends
   * nothing by itself and would never find out. A PING that times out (after
   * `commandTimeout`) forces a reconnect, which restores the subscriptions.
   */
  private checkHealth(): void {
    for (const [role, client] of [
      ['commands', this.commands],
      ['subscriber', this.subscriber],
    ] as const) {
      if (client.status !== 'ready' || this.probing.has(role)) continue;
      this.probing.add(role);
      client.ping().then(
        () => this.probing.delete(role),
        (error: unknown) => {
          if (this.closed || client.status !== 'ready') {
            this.probing.delete(role);
            return;
          }
          this.options.logger?.warn({ err: error, connection: role }, 'Redis did not answer PING; reconnecting');
          // Stays in `probing` until the socket's 'close': a second disconnect would only stack listeners.
          client.disconnect(true);
        },
      );
    }
  }

  private async run<T>(kind: RedisCommandKind, what: string, command: () => Promise<T>): Promise<T> {
    const metrics = this.options.metrics;
    const started = metrics ? performance.now() : 0;
    try {
      const reply = await command();
      metrics?.command(kind, (performance.now() - started) / 1000, true);
      return reply;
    } catch (cause) {
      metrics?.command(kind, (performance.now() - started) / 1000, false);
      if (this.closed) throw new BusClosedError();
      throw new Error(`Redis ${what} failed`, { cause });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new BusClosedError();
  }
}

/** QUIT lets Redis finish what it has; when that is impossible, drop the socket and stop reconnecting. */
async function shutdown(client: RedisClient): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // fall through to the hard stop
    }
  }
  client.disconnect();
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

// Compare-and-set and compare-and-delete must be atomic in Redis itself; a
// GET followed by a SET could let another server's lease slip in between.
const SET_IF_EQUAL = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[3] ~= '' then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) else redis.call('SET', KEYS[1], ARGV[2]) end
return 1`;
const GET_AND_DELETE = `
local value = redis.call('GET', KEYS[1])
if value then redis.call('DEL', KEYS[1]) end
return value`;
const DELETE_IF_EQUAL = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1`;
const HASH_DELETE_IF_EQUAL = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
return 1`;
