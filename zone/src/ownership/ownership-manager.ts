import type { MessageBus, Registry, Subscription, ZoneLeaseRecord } from '@aether/shared';
import { Channels } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import type { ZoneDef } from '../world/types.js';
import { ownershipActions, type OwnedZone } from './desired-zones.js';
import type { OwnershipMetrics } from './ownership-metrics.js';

interface ZoneSimulator {
  addZone(zone: ZoneDef, epoch: number): Promise<void>;
  removeZone(zoneId: string, mode: 'handoff' | 'lost'): Promise<void>;
}

interface EpochFenceStore {
  claimOwnerEpoch(zoneId: string, epoch: number): Promise<{ won: boolean; ownerEpoch: number }>;
}

export interface OwnershipOptions {
  serverId: string;
  /** Static: the ASSIGNED_ZONES list; assigned: follow `zone:assignment:*` written by the operator. */
  mode: { kind: 'static'; zones: readonly string[] } | { kind: 'assigned' };
  zones: ReadonlyMap<string, ZoneDef>;
  registry: Registry;
  bus: MessageBus;
  fences: EpochFenceStore;
  simulator: ZoneSimulator;
  logger: Logger;
  /** Counts slow renewal rounds; absent in tests that do not look. */
  metrics?: OwnershipMetrics;
  leaseTtlMs?: number;
  renewEveryMs?: number;
  pollEveryMs?: number;
}

/**
 * One writer per zone (docs/design.md §5): a zone is simulated here only while this
 * server holds `zone:lease:{zoneId}` for the zone's current epoch. Claims
 * raise the epoch in PostgreSQL before the zone starts, so a previous owner's
 * late writes are refused; a lease that cannot be renewed stops the zone at once.
 *
 * Claims and releases run one at a time behind the assignment listing, and may
 * be slow (a zone loads from the database, a handoff saves its players).
 * Renewal does not wait for them: it runs on its own timer, renews every lease
 * at once, and reads nothing but the leases themselves, so nothing slow can
 * make a lease lapse.
 */
export class OwnershipManager {
  private readonly owned = new Map<string, OwnedZone>();
  /** zoneId → epoch of every lease kept alive here: the owned zones and those still loading. */
  private readonly leases = new Map<string, number>();
  /** Zones being handed off: still leased and renewed, but a lost lease no longer stops them twice. */
  private readonly releasing = new Set<string>();
  private subscription: Subscription | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private renewal: Promise<void> = Promise.resolve();
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private renewalStopped = false;
  private readonly leaseTtlMs: number;
  private readonly renewEveryMs: number;
  /**
   * A renewal round starts with TTL − interval left on each lease; one that
   * takes more than half of that leaves too little room for the next.
   */
  private readonly safetyMarginMs: number;

  constructor(private readonly options: OwnershipOptions) {
    this.leaseTtlMs = options.leaseTtlMs ?? 15_000;
    this.renewEveryMs = options.renewEveryMs ?? 5_000;
    if (!(this.renewEveryMs > 0 && this.renewEveryMs < this.leaseTtlMs)) {
      throw new RangeError(`renewEveryMs (${this.renewEveryMs}) must be positive and shorter than leaseTtlMs (${this.leaseTtlMs})`);
    }
    this.safetyMarginMs = (this.leaseTtlMs - this.renewEveryMs) / 2;
  }

  get zones(): string[] {
    return [...this.owned.keys()];
  }

  async start(): Promise<void> {
    this.subscription = await this.options.bus.subscribe(Channels.assignments, () => this.schedule(() => this.reconcile()));
    this.pollTimer = setInterval(() => this.schedule(() => this.reconcile()), this.options.pollEveryMs ?? 1_000);
    this.renewTimer = setTimeout(() => this.renewRound(), this.renewEveryMs);
    await this.schedule(() => this.reconcile());
  }

  /** Hands every zone off (saving its players) and releases the leases so a standby can claim them at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    await this.subscription?.unsubscribe().catch(() => undefined);
    await this.running;
    try {
      // Leases stay renewed while the handoffs save their players.
      for (const [zoneId, mine] of [...this.owned]) await this.release(zoneId, mine.epoch);
    } finally {
      this.renewalStopped = true;
      clearTimeout(this.renewTimer);
      await this.renewal;
    }
  }

  /** The zone host was fenced off a zone: forget it (no release: the lease is someone else's). */
  forget(zoneId: string): void {
    this.owned.delete(zoneId);
    this.leases.delete(zoneId);
  }

  private schedule(work: () => Promise<void>): Promise<void> {
    // One ownership change at a time: claims and releases never interleave.
    this.running = this.running.then(async () => {
      if (this.stopped) return;
      try {
        await work();
      } catch (error) {
        this.options.logger.warn({ err: error }, 'ownership step failed; retrying on the next round');
      }
    });
    return this.running;
  }

  private async reconcile(): Promise<void> {
    const assignments = this.options.mode.kind === 'assigned' ? await this.options.registry.listAssignments() : new Map();
    for (const action of ownershipActions(this.options.serverId, this.options.mode, assignments, this.owned)) {
      if (action.kind === 'claim') await this.claim(action.zoneId, action.epoch);
      else await this.release(action.zoneId, action.epoch);
    }
  }

  private async claim(zoneId: string, assignedEpoch?: number): Promise<void> {
    const zone = this.options.zones.get(zoneId);
    if (!zone) {
      this.options.logger.error({ zoneId }, 'asked to own a zone that is not in the database');
      return;
    }
    const epoch = assignedEpoch ?? (await this.options.registry.nextEpoch());
    const behind = await this.claimAt(zone, epoch, assignedEpoch !== undefined);
    if (behind === undefined) return;
    // The epoch is not above the database's: Redis lost its data, so the counter
    // (or the operator's record, drawn from it) went back. Below the database every
    // write would be refused; equal to it, a previous owner's late writes would
    // still pass the fence. Raise the counter past the database and claim under
    // a fresh epoch; in assigned mode the operator's record keeps its epoch (a
    // newer assignment outranks this one, the operator's next draw is above it,
    // and the operator counts a lease above the assigned epoch as the zone served).
    const fresh = await this.options.registry.ensureEpochAbove(behind);
    this.options.logger.warn({ zoneId, epoch, fenced: behind, fresh }, 'epoch behind the database; claiming with a newer one');
    await this.claimAt(zone, fresh, false);
  }

  /** Claims the zone under `epoch`; returns the database's owner epoch when that refuses `epoch`, undefined otherwise. */
  private async claimAt(zone: ZoneDef, epoch: number, assigned: boolean): Promise<number | undefined> {
    const zoneId = zone.id;
    const { registry, serverId } = this.options;
    const held = await registry.getLease(zoneId);
    const mineFromBefore = held?.serverId === serverId && !this.owned.has(zoneId);
    if (held && !mineFromBefore && held.serverId !== serverId) return undefined; // another live owner (or one still draining)
    const lease: ZoneLeaseRecord = { serverId, epoch };
    // A lease left by this server's previous life (same SERVER_ID after a restart) is taken over in place.
    const won = held ? await registry.renewLeaseFrom(zoneId, held, lease, this.leaseTtlMs) : await registry.acquireLease(zoneId, lease, this.leaseTtlMs);
    if (!won) return undefined;
    // Renewed from now on, also while the zone loads.
    this.leases.set(zoneId, epoch);
    const started = performance.now();
    try {
      const fence = await this.options.fences.claimOwnerEpoch(zoneId, epoch);
      // The operator hands an epoch out once, so meeting it in the database is this
      // server's own earlier claim (a restart); a drawn epoch met there was handed out twice.
      const ours = fence.won || (assigned && fence.ownerEpoch === epoch);
      if (!ours) {
        await this.abandon(zoneId, epoch);
        await registry.releaseLease(zoneId, lease);
        return fence.ownerEpoch;
      }
      await this.options.simulator.addZone(zone, epoch);
    } catch (error) {
      // Not renewed any more: the lease lapses and the next round (here or on a standby) claims afresh.
      await this.abandon(zoneId, epoch);
      throw error;
    }
    if (this.leases.get(zoneId) !== epoch) {
      this.options.logger.error({ zoneId, epoch }, 'lease lost while the zone loaded: stopping it now');
      this.owned.delete(zoneId);
      await this.options.simulator.removeZone(zoneId, 'lost');
      return undefined;
    }
    this.owned.set(zoneId, { epoch });
    if (this.options.mode.kind === 'static') {
      await registry.setAssignment(zoneId, { serverId, epoch, assignedAt: Date.now() });
      await registry.announceAssignments([zoneId]);
    }
    this.options.logger.info({ zoneId, epoch, ms: Math.round(performance.now() - started) }, 'zone claimed');
    return undefined;
  }

  /**
   * A claim that failed after taking the lease stops renewing it. A zone
   * still simulated under an older epoch (a re-claim at a new one) lost its
   * lease to that claim, so it stops too.
   */
  private async abandon(zoneId: string, epoch: number): Promise<void> {
    if (this.leases.get(zoneId) === epoch) this.leases.delete(zoneId);
    if (!this.owned.has(zoneId)) return;
    this.owned.delete(zoneId);
    await this.options.simulator.removeZone(zoneId, 'lost');
  }

  private async release(zoneId: string, epoch: number): Promise<void> {
    this.releasing.add(zoneId);
    try {
      await this.options.simulator.removeZone(zoneId, 'handoff');
    } finally {
      this.releasing.delete(zoneId);
    }
    this.owned.delete(zoneId);
    if (this.leases.get(zoneId) === epoch) this.leases.delete(zoneId);
    await this.options.registry.releaseLease(zoneId, { serverId: this.options.serverId, epoch }).catch(() => false);
    this.options.logger.info({ zoneId, epoch }, 'zone released');
  }

  /** One renewal round, then the next one an interval after this one started. */
  private renewRound(): void {
    const started = performance.now();
    this.renewal = Promise.all([...this.leases].map(([zoneId, epoch]) => this.renew(zoneId, epoch))).then(() => {
      const ms = performance.now() - started;
      if (ms > this.safetyMarginMs) {
        this.options.metrics?.slowRenewals.inc();
        this.options.logger.warn(
          { ms: Math.round(ms), safetyMarginMs: this.safetyMarginMs, leaseTtlMs: this.leaseTtlMs, zones: this.leases.size },
          'lease renewal took longer than its safety margin; leases may lapse',
        );
      }
      if (!this.renewalStopped) this.renewTimer = setTimeout(() => this.renewRound(), Math.max(0, this.renewEveryMs - ms));
    });
  }

  /** Never rejects: one zone's failure must not hold up the others' renewals or the next round. */
  private async renew(zoneId: string, epoch: number): Promise<void> {
    const { registry, serverId, logger } = this.options;
    const lease = { serverId, epoch };
    // Checked right before each write: a zone released (or re-claimed) meanwhile is not ours to touch.
    const stillMine = () => this.leases.get(zoneId) === epoch;
    try {
      if (await registry.renewLease(zoneId, lease, this.leaseTtlMs)) return;
      // Gone rather than taken (Redis restarted empty): put back what this server owns.
      // The database fence still guards against a real second owner.
      if ((await registry.getLease(zoneId)) === null && stillMine() && (await registry.acquireLease(zoneId, lease, this.leaseTtlMs))) {
        if (this.options.mode.kind === 'static' && !(await registry.getAssignment(zoneId))) {
          await registry.setAssignment(zoneId, { serverId, epoch, assignedAt: Date.now() });
        }
        logger.warn({ zoneId, epoch }, 'lease was missing; re-registered it');
        return;
      }
    } catch (error) {
      // Redis unreachable: the lease may still be ours; the next round tries again before it lapses.
      logger.warn({ err: error, zoneId, epoch }, 'lease renewal failed; retrying on the next round');
      return;
    }
    if (!stillMine()) return;
    logger.error({ zoneId, epoch }, 'lease lost: stopping the zone now');
    this.leases.delete(zoneId);
    // A zone still loading is stopped by its claim; one being handed off is already stopping.
    if (this.owned.get(zoneId)?.epoch !== epoch || this.releasing.has(zoneId)) return;
    this.owned.delete(zoneId);
    await this.options.simulator.removeZone(zoneId, 'lost').catch((error: unknown) => logger.error({ err: error, zoneId }, 'stopping the zone failed'));
  }
}
