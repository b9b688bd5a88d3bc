import type { MessageBus, Registry, Subscription, ZoneLeaseRecord } from '@aether/shared';
import { Channels } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import type { ZoneDef } from '../world/types.js';
import { ownershipActions, type OwnedZone } from './desired-zones.js';

interface ZoneSimulator {
  addZone(zone: ZoneDef, epoch: number): Promise<void>;
  removeZone(zoneId: string, mode: 'handoff' | 'lost'): Promise<void>;
}

interface EpochFenceStore {
  raiseOwnerEpoch(zoneId: string, epoch: number): Promise<number>;
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
  leaseTtlMs?: number;
  renewEveryMs?: number;
  pollEveryMs?: number;
}

/**
 * One writer per zone (docs/design.md §5): a zone is simulated here only while this
 * server holds `zone:lease:{zoneId}` for the zone's current epoch. Claims
 * raise the epoch in PostgreSQL before the zone starts, so a previous owner's
 * late writes are refused; a lease that cannot be renewed stops the zone at once.
 */
export class OwnershipManager {
  private readonly owned = new Map<string, OwnedZone>();
  private subscription: Subscription | undefined;
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly leaseTtlMs: number;

  constructor(private readonly options: OwnershipOptions) {
    this.leaseTtlMs = options.leaseTtlMs ?? 15_000;
  }

  get zones(): string[] {
    return [...this.owned.keys()];
  }

  async start(): Promise<void> {
    this.subscription = await this.options.bus.subscribe(Channels.assignments, () => this.schedule(() => this.reconcile()));
    this.timers.push(setInterval(() => this.schedule(() => this.reconcile()), this.options.pollEveryMs ?? 1_000));
    this.timers.push(setInterval(() => this.schedule(() => this.renew()), this.options.renewEveryMs ?? 5_000));
    await this.schedule(() => this.reconcile());
  }

  /** Hands every zone off (saving its players) and releases the leases so a standby can claim them at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.subscription?.unsubscribe().catch(() => undefined);
    await this.running;
    for (const [zoneId, mine] of [...this.owned]) await this.release(zoneId, mine.epoch);
  }

  /** The zone host was fenced off a zone: forget it (no release: the lease is someone else's). */
  forget(zoneId: string): void {
    this.owned.delete(zoneId);
  }

  private schedule(work: () => Promise<void>): Promise<void> {
    // One ownership change at a time: claims, renewals and releases never interleave.
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
    const { registry, serverId } = this.options;
    const held = await registry.getLease(zoneId);
    const mineFromBefore = held?.serverId === serverId && !this.owned.has(zoneId);
    if (held && !mineFromBefore && held.serverId !== serverId) return; // another live owner (or one still draining)
    const epoch = assignedEpoch ?? (await registry.nextEpoch());
    const lease: ZoneLeaseRecord = { serverId, epoch };
    // A lease left by this server's previous life (same SERVER_ID after a restart) is taken over in place.
    const won = held ? await registry.renewLeaseFrom(zoneId, held, lease, this.leaseTtlMs) : await registry.acquireLease(zoneId, lease, this.leaseTtlMs);
    if (!won) return;
    const fenced = await this.options.fences.raiseOwnerEpoch(zoneId, epoch);
    if (fenced > epoch) {
      // The epoch counter is behind the database (Redis lost its data): skip past it and retry.
      await registry.releaseLease(zoneId, lease);
      if (!assignedEpoch) await registry.ensureEpochAbove(fenced);
      this.options.logger.warn({ zoneId, epoch, fenced }, 'epoch behind the database; retrying with a newer one');
      return;
    }
    const started = performance.now();
    await this.options.simulator.addZone(zone, epoch);
    this.owned.set(zoneId, { epoch });
    if (this.options.mode.kind === 'static') {
      await registry.setAssignment(zoneId, { serverId, epoch, assignedAt: Date.now() });
      await registry.announceAssignments([zoneId]);
    }
    this.options.logger.info({ zoneId, epoch, ms: Math.round(performance.now() - started) }, 'zone claimed');
  }

  private async release(zoneId: string, epoch: number): Promise<void> {
    await this.options.simulator.removeZone(zoneId, 'handoff');
    this.owned.delete(zoneId);
    await this.options.registry.releaseLease(zoneId, { serverId: this.options.serverId, epoch }).catch(() => false);
    this.options.logger.info({ zoneId, epoch }, 'zone released');
  }

  private async renew(): Promise<void> {
    const { registry, serverId } = this.options;
    for (const [zoneId, { epoch }] of [...this.owned]) {
      const lease = { serverId, epoch };
      if (await registry.renewLease(zoneId, lease, this.leaseTtlMs)) continue;
      // Gone rather than taken (Redis restarted empty): put back what this server owns.
      // The database fence still guards against a real second owner.
      if ((await registry.getLease(zoneId)) === null && (await registry.acquireLease(zoneId, lease, this.leaseTtlMs))) {
        if (this.options.mode.kind === 'static' && !(await registry.getAssignment(zoneId))) {
          await registry.setAssignment(zoneId, { serverId, epoch, assignedAt: Date.now() });
        }
        this.options.logger.warn({ zoneId, epoch }, 'lease was missing; re-registered it');
        continue;
      }
      this.options.logger.error({ zoneId, epoch }, 'lease lost: stopping the zone now');
      this.owned.delete(zoneId);
      await this.options.simulator.removeZone(zoneId, 'lost');
    }
  }
}
