import type { Logger } from '@aether/shared/observability';
import { decideLease, type LeaseRecord } from './lease-decision.js';

/** Reads and writes the Lease object; `update` must fail on a stale version (optimistic concurrency). */
export interface LeaseStore {
  get(): Promise<{ record: LeaseRecord; version: string } | undefined>;
  create(record: LeaseRecord): Promise<void>;
  update(record: LeaseRecord, version: string): Promise<void>;
}

export interface LeaderElectionOptions {
  identity: string;
  /** How long a lease stays valid without renewal (~15 s). */
  leaseDurationMs: number;
  /** How often the leader renews (~5 s). */
  renewIntervalMs: number;
  /** A leader that could not renew for this long steps down (must be < leaseDurationMs, so it stops before anyone else may start). */
  renewDeadlineMs: number;
  /** How often a follower tries to acquire (~2 s). */
  retryIntervalMs: number;
}

export interface LeaderCallbacks {
  onStartedLeading(): void;
  onStoppedLeading(): void | Promise<void>;
}

/**
 * client-go's leader election over a coordination.k8s.io/v1 Lease: one
 * replica holds it and renews it; the others poll and take it once it has
 * gone unrenewed for its full duration (as seen on their own clocks).
 */
export class LeaderElector {
  private timer: NodeJS.Timeout | undefined;
  private leading = false;
  private lastRenewed = 0;
  private observed: { key: string; at: number } | undefined;
  private stopped = false;
  private round: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: LeaseStore,
    private readonly options: LeaderElectionOptions,
    private readonly callbacks: LeaderCallbacks,
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops campaigning; a leader hands the Lease back so a follower takes over without waiting it out. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    if (!this.leading) return;
    await this.stepDown('stopping');
    try {
      const current = await this.store.get();
      if (current?.record.holderIdentity === this.options.identity) {
        const now = new Date(this.clock()).toISOString();
        await this.store.update({ ...current.record, holderIdentity: '', leaseDurationSeconds: 1, renewTime: now }, current.version);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not release the leader Lease; it expires by itself');
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.tryOnce().then((ok) =>
        // A leader whose renewal failed retries at the faster pace, to renew (or step down) before its deadline.
        this.schedule(this.leading && ok ? this.options.renewIntervalMs : this.options.retryIntervalMs),
      );
    }, ms);
  }

  /** One round; false when it failed. */
  private async tryOnce(): Promise<boolean> {
    try {
      // A hung API call must not carry a leader past its deadline.
      const current = await this.bounded(this.store.get());
      const now = this.clock();
      const key = current ? `${current.version}` : '';
      if (!this.observed || this.observed.key !== key) this.observed = { key, at: now };
      const decision = decideLease({
        record: current?.record,
        identity: this.options.identity,
        leaseDurationMs: this.options.leaseDurationMs,
        now,
        observedAt: this.observed.at,
      });
      if (decision.action === 'wait') {
        if (this.leading) await this.stepDown(`${decision.holder} holds the Lease`);
        return true;
      }
      if (decision.action === 'create') await this.bounded(this.store.create(decision.record));
      else await this.bounded(this.store.update(decision.record, current!.version));
      this.lastRenewed = this.clock();
      if (!this.leading && !this.stopped) {
        this.leading = true;
        this.logger.info({ identity: this.options.identity, transitions: decision.record.leaseTransitions }, 'became leader');
        this.callbacks.onStartedLeading();
      }
      return true;
    } catch (error) {
      // Conflict (someone else wrote first) or API trouble: a leader keeps trying until its deadline.
      if (this.leading && this.clock() - this.lastRenewed >= this.options.renewDeadlineMs - this.options.retryIntervalMs) {
        await this.stepDown('could not renew the Lease before the deadline');
      } else {
        this.logger.debug({ err: error }, 'leader election round failed');
      }
      return false;
    }
  }

  private bounded<T>(work: Promise<T>): Promise<T> {
    const limit = this.options.retryIntervalMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Lease request took longer than ${limit} ms`)), limit);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private async stepDown(why: string): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.logger.warn({ identity: this.options.identity, why }, 'stopped leading');
    await this.callbacks.onStoppedLeading();
  }
}
