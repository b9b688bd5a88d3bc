import type { BusMessageType, BusPayload, Envelope } from '../protocol/internal.js';

/** A decoded, schema-checked envelope whose payload type follows its `type`. */
export type BusEnvelope = {
  [T in BusMessageType]: Omit<Envelope, 'type' | 'payload'> & { type: T; payload: BusPayload<T> };
}[BusMessageType];

export type BusHandler = (envelope: BusEnvelope, channel: string) => void;

export interface Subscription {
  unsubscribe(): Promise<void>;
}

export interface SetOptions {
  /** Expire the key after this many milliseconds. */
  ttlMs?: number;
  /** Only write if the key does not exist (SET NX); `set` then answers whether it wrote. */
  onlyIfAbsent?: boolean;
}

/**
 * Pub/sub plus the handful of key operations the registry needs. One
 * in-process and one Redis implementation pass the same contract suite
 * (`runMessageBusContract`), so embedded mode behaves as distributed mode does.
 *
 * Delivery is at-most-once, as Redis pub/sub is: envelopes carry a per
 * (source, channel) `seq` so receivers can notice gaps and resync.
 */
export interface MessageBus {
  /** Names this process in every envelope it publishes. */
  readonly source: string;
  publish<T extends BusMessageType>(channel: string, type: T, payload: BusPayload<T>): Promise<void>;
  subscribe(channel: string, handler: BusHandler): Promise<Subscription>;
  get(key: string): Promise<string | null>;
  /** Answers false only when `onlyIfAbsent` was set and the key existed. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  del(key: string): Promise<void>;
  /**
   * Atomically reads and deletes the key (Redis GETDEL): of several callers
   * racing for one key, exactly one gets its value, the others null. For
   * single-use values (resume tokens).
   */
  take(key: string): Promise<string | null>;
  /** Adds `by` (default 1) to an integer key, creating it at 0 first; answers the new value. */
  incr(key: string, by?: number): Promise<number>;
  /**
   * Atomically replaces the value only while it still equals `expected`
   * (lease renewal: "extend it if it is still mine"). Answers whether it did.
   */
  setIfEqual(key: string, expected: string, value: string, ttlMs?: number): Promise<boolean>;
  /** Atomically deletes the key only while it still equals `expected`. Answers whether it did. */
  deleteIfEqual(key: string, expected: string): Promise<boolean>;
  /**
   * Every key that starts with `prefix`: a SCAN over the whole keyspace in
   * Redis, so its cost grows with every key stored, related or not. Kept for
   * tests, tools and the registry's one-time index backfill; listings that run
   * on a timer read an index hash instead (`hashGetAll`).
   */
  keys(prefix: string): Promise<string[]>;
  /**
   * Hashes (Redis HSET/HGETALL/HDEL): small indexes such as the registry's list
   * of zone and server ids, read in one command whatever else is stored. A key
   * holds either a string or a hash, never both. Every operation touches one
   * key only, so each stays valid on Redis Cluster.
   */
  hashSet(key: string, field: string, value: string): Promise<void>;
  /** Every field of the hash; an empty map for a missing key. */
  hashGetAll(key: string): Promise<Map<string, string>>;
  /** Removes one field; the hash goes with its last field, as in Redis. */
  hashDelete(key: string, field: string): Promise<void>;
  /**
   * Atomically removes the field only while it still holds `expected`, so a
   * reader cleaning up a stale entry cannot remove one a writer just renewed.
   * Answers whether it did.
   */
  hashDeleteIfEqual(key: string, field: string, expected: string): Promise<boolean>;
  close(): Promise<void>;
}

export class BusClosedError extends Error {
  constructor() {
    super('the message bus is closed');
    this.name = 'BusClosedError';
  }
}
