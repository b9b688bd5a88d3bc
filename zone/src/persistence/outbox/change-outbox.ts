import { randomUUID } from 'node:crypto';
import { type CharacterChangeRepository, type CharacterChangeSet, isTransientDatabaseError, StaleEpochError } from '@aether/shared/db';
import type { Logger } from '@aether/shared/observability';
import type { ZoneMetrics } from '../../server/metrics.js';
import type { ChangeOrigin, ChangePart, DropReason, GameWrites } from '../../server/ports.js';
import type { Backoff } from '@aether/shared';
import { ChangeQueue, type PendingChange } from './change-queue.js';

type OutboxMetrics = Pick<ZoneMetrics, 'outboxDepth' | 'outboxRetries' | 'outboxDrops'>;

export interface ChangeOutboxOptions {
  changes: CharacterChangeRepository;
  metrics: OutboxMetrics;
  logger: Logger;
  backoff?: Backoff;
  /** Change sets written at the same time (different characters); keeps the pool free for checkpoints. */
  concurrency?: number;
  /** A write made at `epoch` was fenced off: another process owns the zone now (unless this one owns it again, newer). */
  onFencedOff?: (zoneId: string, epoch: number | undefined) => void;
  now?: () => number;
  random?: () => number;
  newId?: () => string;
}

const DEFAULT_BACKOFF: Backoff = { baseMs: 200, maxMs: 10_000 };

/**
 * The zone's write-through of progress, learned abilities and bag slots
 * (docs/database.md, "Fenced game writes"): each character's changes are
 * written in order, one transaction per change set, under the zone's epoch.
 * A transient database error keeps the change set and retries it with
 * backoff, for as long as the zone is owned here; a fenced-off write drops
 * every change set of that zone, loudly, because the new owner holds the truth.
 * Nothing here runs per tick: only when a tick produced a change, and on retry.
 */
export class ChangeOutbox implements GameWrites {
  private readonly queue: ChangeQueue;
  private readonly concurrency: number;
  private readonly now: () => number;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private waiters: Array<{ characterIds: string[] | undefined; resolve: () => void }> = [];
  private stopped = false;
  private pumpSoon = false;

  constructor(private readonly options: ChangeOutboxOptions) {
    this.queue = new ChangeQueue(options.backoff ?? DEFAULT_BACKOFF, options.newId ?? randomUUID, options.random);
    this.concurrency = options.concurrency ?? 4;
    this.now = options.now ?? Date.now;
  }

  /** Change sets not yet written. */
  get depth(): number {
    return this.queue.depth;
  }

  add(characterId: string, origin: ChangeOrigin, part: ChangePart): void {
    if (this.stopped) {
      this.options.logger.error({ characterId, zoneId: origin.zoneId }, 'change made after the outbox stopped: not written');
      this.options.metrics.outboxDrops.inc({ reason: 'shutdown' });
      return;
    }
    this.queue.add(characterId, origin, part);
    this.reportDepth();
    // After the current turn: the other effects of the same tick join the same change set.
    if (this.pumpSoon) return;
    this.pumpSoon = true;
    setImmediate(() => {
      this.pumpSoon = false;
      this.pump();
    });
  }

  /**
   * Resolves true once `characterIds` (every character when absent) have
   * nothing left to write, false if that takes longer than `timeoutMs`.
   * A crossing and a handoff wait here, so the next owner loads what was written.
   */
  async flush(characterIds?: Iterable<string>, timeoutMs = 5_000): Promise<boolean> {
    const ids = characterIds ? [...characterIds] : undefined;
    if (!this.queue.hasPending(ids)) return true;
    let timeout: NodeJS.Timeout | undefined;
    const waiter = { characterIds: ids, resolve: () => {} };
    const drained = new Promise<boolean>((resolve) => {
      waiter.resolve = () => resolve(true);
      this.waiters.push(waiter);
    });
    const late = new Promise<boolean>((resolve) => (timeout = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([drained, late]);
    } finally {
      clearTimeout(timeout);
      // A flush that gave up must not stay behind for the rest of an outage.
      this.waiters = this.waiters.filter((other) => other !== waiter);
    }
  }

  /** The zone is no longer owned here: its change sets will never be accepted, and are dropped. */
  dropZone(zoneId: string, reason: DropReason = 'zone_lost'): void {
    this.drop(this.queue.dropZone(zoneId), reason, { zoneId });
  }

  /** Writes what it can within `timeoutMs`, then drops the rest (loudly) and stops. */
  async stop(timeoutMs = 5_000): Promise<void> {
    await this.flush(undefined, timeoutMs);
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.drop(this.queue.dropAll(), 'shutdown', {});
  }

  private pump(): void {
    if (this.stopped) return;
    const ready = this.queue.takeReady(this.now(), this.concurrency - this.inFlight);
    for (const change of ready) void this.write(change);
    this.schedule();
  }

  private async write(change: PendingChange): Promise<void> {
    this.inFlight += 1;
    const { zoneId, epoch } = change.origin;
    try {
      const outcome = await this.options.changes.applyChange(toChangeSet(change), epoch === undefined ? undefined : { zoneId, epoch });
      if (outcome === 'missing') this.options.logger.warn({ characterId: change.characterId, changeId: change.id }, 'change for a deleted character skipped');
      if (outcome === 'duplicate') this.options.logger.info({ characterId: change.characterId, changeId: change.id }, 'change already written; retry skipped');
      this.queue.done(change);
    } catch (error) {
      this.failed(change, error);
    } finally {
      this.inFlight -= 1;
      this.reportDepth();
      this.wake();
      this.pump();
    }
  }

  private failed(change: PendingChange, error: unknown): void {
    const { zoneId, epoch } = change.origin;
    const stale = findCause(error, StaleEpochError);
    if (stale) {
      this.options.logger.error({ zoneId, epoch, current: stale.currentEpoch }, 'fenced off: zone owned elsewhere; its unwritten changes are dropped');
      this.queue.done(change);
      this.drop([change, ...this.queue.dropZone(zoneId, stale.currentEpoch)], 'stale_epoch', { zoneId });
      this.options.onFencedOff?.(zoneId, epoch);
      return;
    }
    if (isTransientDatabaseError(error)) {
      const delayMs = this.queue.retryLater(change, this.now());
      if (delayMs === 0) return;
      this.options.metrics.outboxRetries.inc();
      const attempts = this.queue.attempts(change.characterId);
      this.options.logger.warn({ err: error, characterId: change.characterId, changeId: change.id, attempts, delayMs }, 'change not written; retrying');
      return;
    }
    // Retrying cannot fix it (a bug, a constraint): keeping it would block the character's later changes forever.
    this.queue.done(change);
    this.drop([change], 'rejected', { err: error });
  }

  private drop(changes: PendingChange[], reason: DropReason, context: Record<string, unknown>): void {
    if (changes.length === 0) return;
    this.options.metrics.outboxDrops.inc({ reason }, changes.length);
    this.options.logger.error(
      {
        ...context,
        reason,
        dropped: changes.length,
        characters: [...new Set(changes.map((change) => change.characterId))],
        changeIds: changes.map((c) => c.id),
      },
      'unwritten game changes dropped',
    );
    this.reportDepth();
    this.wake();
  }

  /** One timer, set for the earliest retry. */
  private schedule(): void {
    const at = this.queue.nextRetryAt();
    if (at === undefined || this.stopped) return;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, at - this.now()),
    );
    this.timer.unref();
  }

  private wake(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (this.queue.hasPending(waiter.characterIds)) return true;
      waiter.resolve();
      return false;
    });
  }

  private reportDepth(): void {
    this.options.metrics.outboxDepth.set(this.queue.depth);
  }
}

function toChangeSet(change: PendingChange): CharacterChangeSet {
  return {
    id: change.id,
    characterId: change.characterId,
    ...(change.progress ? { progress: change.progress } : {}),
    ...(change.learned.size > 0 ? { learned: [...change.learned] } : {}),
    ...(change.slots.size > 0 ? { slots: [...change.slots.values()] } : {}),
    ...(change.coins !== undefined ? { coins: change.coins } : {}),
    ...(change.lootWindow !== undefined ? { lootWindow: change.lootWindow } : {}),
    ...(change.quests.size > 0 ? { quests: [...change.quests.values()] } : {}),
  };
}

function findCause<T>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let current = error; current instanceof Error; current = current.cause) if (current instanceof type) return current;
  return undefined;
}
