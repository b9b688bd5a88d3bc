import type { Registry } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';

/** A zone runs while its owner holds `zone:lease:{zoneId}`: renewed every few seconds, it lapses within 15 s of the owner dying. */
export function runsWhileLeased(registry: Pick<Registry, 'getLease'>): (zoneId: string) => Promise<boolean> {
  return async (zoneId) => (await registry.getLease(zoneId)) !== null;
}

export interface ZoneWaitersOptions {
  /** Whether a server simulates the zone now (distributed mode: a live `zone:lease:{zoneId}`). */
  isRunning: (zoneId: string) => Promise<boolean>;
  logger: Logger;
  /** How often zones someone waits for are looked at again (default 1 s). */
  everyMs?: number;
}

/**
 * Clients whose select was refused because nobody simulates their zone
 * (`zone_unavailable`) wait here to be told when it runs again. Only zones
 * with a waiter are looked at, one registry read each per round; each
 * waiter is told once and forgotten.
 */
export class ZoneWaiters {
  private readonly waiting = new Map<string, Map<symbol, () => void>>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(private readonly options: ZoneWaitersOptions) {}

  isRunning(zoneId: string): Promise<boolean> {
    return this.options.isRunning(zoneId);
  }

  /** Calls `notify` once when the zone runs again; the answer cancels the wait (disconnect, another select). */
  wait(zoneId: string, notify: () => void): () => void {
    const key = Symbol(zoneId);
    let waiters = this.waiting.get(zoneId);
    if (!waiters) this.waiting.set(zoneId, (waiters = new Map()));
    waiters.set(key, notify);
    return () => {
      const current = this.waiting.get(zoneId);
      current?.delete(key);
      if (current?.size === 0) this.waiting.delete(zoneId);
    };
  }

  /** Waiters per zone (tests, logs). */
  get size(): number {
    let count = 0;
    for (const waiters of this.waiting.values()) count += waiters.size;
    return count;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.options.everyMs ?? 1_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.waiting.clear();
  }

  /** One round: every zone with a waiter that runs now has its waiters told. */
  async check(): Promise<void> {
    if (this.checking) return; // a slow registry read: the next round comes soon enough
    this.checking = true;
    try {
      for (const zoneId of [...this.waiting.keys()]) {
        let running: boolean;
        try {
          running = await this.options.isRunning(zoneId);
        } catch (error) {
          this.options.logger.warn({ err: error, zoneId }, 'could not learn whether a zone runs again');
          continue;
        }
        const waiters = this.waiting.get(zoneId);
        if (!running || !waiters) continue;
        this.waiting.delete(zoneId);
        this.options.logger.info({ zoneId, clients: waiters.size }, 'zone runs again; telling the clients that waited for it');
        for (const notify of waiters.values()) notify();
      }
    } finally {
      this.checking = false;
    }
  }
}
