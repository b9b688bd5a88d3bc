import { StaleEpochError } from '@aether/shared/db';
import type { Logger } from '@aether/shared/observability';
import type { FightCheckpoint } from './fight-checkpoint.js';
import type { ZoneMetrics } from './metrics.js';
import type { CharacterStore, GameWrites, PositionSnapshot } from './ports.js';
import type { ZoneRuntime } from './zone-runtime.js';

export interface CheckpointerOptions {
  characters: CharacterStore;
  metrics: Pick<ZoneMetrics, 'checkpointLag' | 'checkpointFailures'>;
  logger: Logger;
  intervalMs: number;
  /** The zones simulated now, in the order to save them. */
  runtimes: () => ZoneRuntime[];
  /** A write was fenced off: another process owns `runtime`'s zone now; drop it. */
  fencedOff: (runtime: ZoneRuntime) => Promise<void>;
  /**
   * The game writes not yet in the database (ChangeOutbox). Before characters
   * leave, cross or are handed off, theirs are written first, so whoever loads
   * them next sees their XP and bags.
   */
  gameWrites?: Pick<GameWrites, 'flush'>;
  /** How long a leave, crossing or handoff waits for those writes; 5 s when unset. */
  flushTimeoutMs?: number;
  /** Keeps the fights with each periodic checkpoint, for a takeover after a crash; without it a crash restarts them fresh. */
  fights?: Pick<FightCheckpoint, 'record'>;
}

/**
 * Saves characters: every interval those that moved since the last
 * checkpoint (and, in Redis, the fights going on: FightCheckpoint), and on
 * demand (leave, crossing, handoff, shutdown). Writes are
 * fenced by the zone's epoch when it has one; a fenced-off write means the
 * zone is lost here, and nothing more is written for it.
 */
export class Checkpointer {
  private timer: NodeJS.Timeout | undefined;
  private lastCheckpointAt = Date.now();
  private checkpointing: Promise<void> = Promise.resolve();

  constructor(private readonly options: CheckpointerOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.checkpoint(), this.options.intervalMs);
  }

  /** Stops the periodic checkpoints; `settled` waits for one still running. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  settled(): Promise<void> {
    return this.checkpointing;
  }

  /** Writes every character that moved since the last checkpoint; failures are retried next time. */
  checkpoint(): Promise<void> {
    this.checkpointing = this.checkpointing.then(async () => {
      let complete = true;
      for (const runtime of this.options.runtimes()) {
        const snapshots = runtime.takeDirty();
        if (await this.save(runtime, snapshots, 'checkpoint')) continue;
        runtime.markDirty(snapshots);
        complete = false;
      }
      // Nothing left unsaved counts as up to date, even when nobody moved.
      if (complete) this.lastCheckpointAt = Date.now();
      // After the fenced saves: a zone found owned elsewhere has been dropped, and records nothing.
      await this.options.fights?.record(this.options.runtimes());
    });
    return this.checkpointing;
  }

  /** Sets the checkpoint-lag gauge: seconds since everything was last saved. */
  reportLag(): void {
    this.options.metrics.checkpointLag.set((Date.now() - this.lastCheckpointAt) / 1000);
  }

  /**
   * Saves `snapshots` under the zone's fence. True when they are saved, or
   * need never be (fenced off: the new owner's state is the truth); false
   * when the write failed and should be tried again.
   */
  async save(runtime: ZoneRuntime, snapshots: PositionSnapshot[], reason: string): Promise<boolean> {
    if (snapshots.length === 0) return true;
    const zoneId = runtime.zone.id;
    const { gameWrites } = this.options;
    // The periodic checkpoint does not wait: game writes go on in the background, in their own order.
    if (gameWrites && reason !== 'checkpoint') {
      const written = await gameWrites.flush(
        snapshots.map((snapshot) => snapshot.id),
        this.options.flushTimeoutMs ?? 5_000,
      );
      if (!written) this.options.logger.warn({ zoneId, reason, characters: snapshots.length }, 'game changes still unwritten; saving positions anyway');
    }
    try {
      await this.options.characters.savePositions(snapshots, runtime.epoch === undefined ? undefined : { zoneId, epoch: runtime.epoch });
      return true;
    } catch (error) {
      if (error instanceof StaleEpochError) {
        // Someone else owns the zone now: stop at once, write nothing more.
        this.options.logger.error({ zoneId, epoch: runtime.epoch, current: error.currentEpoch, reason }, 'fenced off: zone owned elsewhere');
        await this.options.fencedOff(runtime);
        return true;
      }
      this.options.metrics.checkpointFailures.inc();
      this.options.logger.error({ err: error, zoneId, reason, characters: snapshots.length }, 'saving characters failed');
      return false;
    }
  }
}
