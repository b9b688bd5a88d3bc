import { EnvelopeCodec, type InvalidMessageError, type WireMessage } from './codec.js';
import { BusClosedError, type BusEnvelope, type BusHandler, type MessageBus, type SetOptions, type Subscription } from './message-bus.js';
import type { BusMessageType, BusPayload } from '../protocol/internal.js';

export interface InMemoryBusOptions {
  source: string;
  /** Called for a message that fails to decode; it is dropped either way. */
  onInvalid?: (error: InvalidMessageError, channel: string) => void;
  /** Called when a handler throws; other handlers still run. */
  onHandlerError?: (error: unknown, channel: string) => void;
  now?: () => number;
  /**
   * `checked` (the default): every message is encoded, decoded and validated
   * as it would be over Redis. `by-reference`: the envelope object itself is
   * handed to subscribers, unvalidated and uncopied — for the embedded
   * process, where there is no process boundary to guard and the per-tick
   * batches are the hot path. Subscribers must not mutate what they receive.
   * The contract suite runs both.
   */
  delivery?: 'checked' | 'by-reference';
}

/** A message in flight on the broker: wire bytes or text, or (by reference) the envelope itself. */
type Delivery = WireMessage | BusEnvelope;

/** Shared state behind several in-process buses, like one Redis behind several clients. */
export class InMemoryBroker {
  readonly channels = new Map<string, Set<(message: Delivery) => void>>();
  readonly store = new Map<string, { value: string; expiresAt: number | null }>();
  /** Hash keys (never expiring), apart from `store` as Redis keeps a key's type. */
  readonly hashes = new Map<string, Map<string, string>>();
  /** When expired keys were last swept out of `store` (see InMemoryBus.sweep). */
  lastSweep = Number.NEGATIVE_INFINITY;
}

/** How often (at most) a write sweeps every expired key out of the store. */
export const IN_MEMORY_SWEEP_INTERVAL_MS = 1_000;

/**
 * The embedded-mode bus. Delivery is asynchronous (a microtask later); by
 * default every message is serialised and re-validated, as it would be over
 * Redis (see `delivery`).
 */
export class InMemoryBus implements MessageBus {
  readonly source: string;
  private readonly codec: EnvelopeCodec;
  private readonly now: () => number;
  private readonly mine = new Set<{ channel: string; listener: (message: Delivery) => void }>();
  private readonly byReference: boolean;
  private closed = false;

  constructor(
    private readonly options: InMemoryBusOptions,
    private readonly broker = new InMemoryBroker(),
  ) {
    this.source = options.source;
    this.codec = new EnvelopeCodec(options.source);
    this.now = options.now ?? Date.now;
    this.byReference = options.delivery === 'by-reference';
  }

  async publish<T extends BusMessageType>(channel: string, type: T, payload: BusPayload<T>): Promise<void> {
    this.assertOpen();
    let message: Delivery;
    if (this.byReference) {
      const envelope = this.codec.envelope(channel, type, payload, this.now(), false);
      this.codec.commit(channel, envelope);
      message = envelope as BusEnvelope;
    } else {
      message = this.codec.encode(channel, type, payload, this.now());
    }
    const listeners = this.broker.channels.get(channel);
    if (!listeners) return;
    for (const listener of [...listeners]) queueMicrotask(() => listener(message));
  }

  async subscribe(channel: string, handler: BusHandler): Promise<Subscription> {
    this.assertOpen();
    const listener = (message: Delivery) => {
      if (this.closed) return;
      let envelope: BusEnvelope;
      try {
        envelope = typeof message === 'string' || message instanceof Uint8Array ? EnvelopeCodec.decode(message) : message;
      } catch (error) {
        this.options.onInvalid?.(error as InvalidMessageError, channel);
        return;
      }
      try {
        // An async handler is assignable to BusHandler; its rejection would otherwise be unhandled and end the process.
        const result: unknown = handler(envelope, channel);
        if (isPromiseLike(result)) result.then(undefined, (error) => this.options.onHandlerError?.(error, channel));
      } catch (error) {
        this.options.onHandlerError?.(error, channel);
      }
    };
    let set = this.broker.channels.get(channel);
    if (!set) this.broker.channels.set(channel, (set = new Set()));
    set.add(listener);
    const entry = { channel, listener };
    this.mine.add(entry);
    return {
      unsubscribe: async () => {
        this.detach(entry);
      },
    };
  }

  /** Test hook: deliver raw text as if another process had published it. */
  injectRaw(channel: string, text: string): void {
    for (const listener of this.broker.channels.get(channel) ?? []) queueMicrotask(() => listener(text));
  }

  async get(key: string): Promise<string | null> {
    this.assertOpen();
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    this.assertOpen();
    // Redis refuses these; so must the embedded bus, or code would work here and fail in production.
    if (options.ttlMs !== undefined && !(Number.isSafeInteger(options.ttlMs) && options.ttlMs > 0)) {
      throw new RangeError(`ttlMs must be a positive whole number of milliseconds, got ${options.ttlMs}`);
    }
    this.sweep();
    if (options.onlyIfAbsent && this.live(key)) return false;
    const expiresAt = options.ttlMs !== undefined ? this.now() + options.ttlMs : null;
    this.broker.store.set(key, { value, expiresAt });
    return true;
  }

  async del(key: string): Promise<void> {
    this.assertOpen();
    this.broker.store.delete(key);
    this.broker.hashes.delete(key);
  }

  async take(key: string): Promise<string | null> {
    this.assertOpen();
    const entry = this.live(key);
    if (!entry) return null;
    this.broker.store.delete(key);
    return entry.value;
  }

  async incr(key: string, by = 1): Promise<number> {
    this.assertOpen();
    this.sweep();
    const entry = this.live(key);
    const current = entry ? Number(entry.value) : 0;
    if (!Number.isSafeInteger(current)) throw new Error(`${key} does not hold an integer`);
    const next = current + by;
    this.broker.store.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? null });
    return next;
  }

  async setIfEqual(key: string, expected: string, value: string, ttlMs?: number): Promise<boolean> {
    this.assertOpen();
    this.sweep();
    if (this.live(key)?.value !== expected) return false;
    this.broker.store.set(key, { value, expiresAt: ttlMs !== undefined ? this.now() + ttlMs : null });
    return true;
  }

  async deleteIfEqual(key: string, expected: string): Promise<boolean> {
    this.assertOpen();
    if (this.live(key)?.value !== expected) return false;
    this.broker.store.delete(key);
    return true;
  }

  async keys(prefix: string): Promise<string[]> {
    this.assertOpen();
    const strings = [...this.broker.store.keys()].filter((key) => key.startsWith(prefix) && this.live(key));
    return [...strings, ...[...this.broker.hashes.keys()].filter((key) => key.startsWith(prefix))];
  }

  async hashSet(key: string, field: string, value: string): Promise<void> {
    this.assertOpen();
    let hash = this.broker.hashes.get(key);
    if (!hash) this.broker.hashes.set(key, (hash = new Map()));
    hash.set(field, value);
  }

  async hashGetAll(key: string): Promise<Map<string, string>> {
    this.assertOpen();
    return new Map(this.broker.hashes.get(key));
  }

  async hashDelete(key: string, field: string): Promise<void> {
    this.assertOpen();
    this.dropField(key, field);
  }

  async hashDeleteIfEqual(key: string, field: string, expected: string): Promise<boolean> {
    this.assertOpen();
    if (this.broker.hashes.get(key)?.get(field) !== expected) return false;
    this.dropField(key, field);
    return true;
  }

  private dropField(key: string, field: string): void {
    const hash = this.broker.hashes.get(key);
    if (!hash) return;
    hash.delete(field);
    if (hash.size === 0) this.broker.hashes.delete(key);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const entry of [...this.mine]) this.detach(entry);
    this.closed = true;
  }

  /**
   * Drops every expired key, at most once a IN_MEMORY_SWEEP_INTERVAL_MS, on writes:
   * reads already forget an expired key, but a key never read again (a
   * resume token nobody redeemed) would otherwise stay in memory for good.
   * Writes are what grow the store, so sweeping on them bounds it.
   */
  private sweep(): void {
    const now = this.now();
    if (now - this.broker.lastSweep < IN_MEMORY_SWEEP_INTERVAL_MS) return;
    this.broker.lastSweep = now;
    for (const [key, entry] of this.broker.store) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) this.broker.store.delete(key);
    }
  }

  private live(key: string) {
    const entry = this.broker.store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.broker.store.delete(key);
      return undefined;
    }
    return entry;
  }

  private detach(entry: { channel: string; listener: (message: Delivery) => void }) {
    this.mine.delete(entry);
    const set = this.broker.channels.get(entry.channel);
    set?.delete(entry.listener);
    if (set && set.size === 0) this.broker.channels.delete(entry.channel);
  }

  private assertOpen() {
    if (this.closed) throw new BusClosedError();
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
