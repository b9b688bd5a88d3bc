import { Channels, type MessageBus, type Registry, type Subscription, type ZoneAssignmentRecord } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';

/**
 * When a zone changes owner (failover, handoff, rebalance), the new owner
 * knows nothing of the players this gateway had there: send it a join for
 * each, and it loads them from the last checkpoint (or re-binds them if it
 * already has them). Level-triggered: the `zone:assignments` notice only
 * speeds up a periodic re-read, since pub/sub may drop it.
 */
export class AssignmentWatch {
  private readonly seen = new Map<string, string>();
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly registry: Registry,
    private readonly bus: MessageBus,
    private readonly rejoin: (zoneId: string) => Promise<number>,
    private readonly logger: Logger,
    private readonly everyMs = 2_000,
  ) {}

  async start(): Promise<void> {
    await this.check(false);
    this.subscription = await this.bus.subscribe(Channels.assignments, () => this.schedule());
    this.timer = setInterval(() => this.schedule(), this.everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.subscription?.unsubscribe().catch(() => undefined);
    await this.running;
  }

  private schedule(): void {
    this.running = this.running.then(() => this.check(true)).catch((error) => this.logger.warn({ err: error }, 'assignment check failed'));
  }

  private async check(act: boolean): Promise<void> {
    const assignments = await this.registry.listAssignments();
    for (const [zoneId, record] of assignments) {
      const stamp = stampOf(record);
      const before = this.seen.get(zoneId);
      this.seen.set(zoneId, stamp);
      if (!act || before === stamp) continue;
      const players = await this.rejoin(zoneId);
      this.logger.info({ zoneId, serverId: record.serverId, epoch: record.epoch, players }, 'zone owner changed; players re-sent');
    }
  }
}

const stampOf = (record: ZoneAssignmentRecord) => `${record.serverId}#${record.epoch}`;
