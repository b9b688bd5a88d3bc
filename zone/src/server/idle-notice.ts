import type { ZoneAssignmentRecord, ZoneLeaseRecord } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';

export type OwnershipMode = { kind: 'static'; zones: readonly string[] } | { kind: 'assigned' };

export interface IdleReason {
  level: 'warn' | 'info';
  message: string;
  facts: Record<string, unknown>;
}

/**
 * Pure: why a zone server owns nothing, in words an operator can act on.
 * Static mode (ASSIGNED_ZONES) is a standby while others hold its zones;
 * assigned mode waits for the operator, which may not be running at all.
 */
export function idleReason(
  serverId: string,
  mode: OwnershipMode,
  assignments: ReadonlyMap<string, ZoneAssignmentRecord>,
  leases: ReadonlyMap<string, ZoneLeaseRecord | null>,
): IdleReason {
  if (mode.kind === 'static') {
    const owners = Object.fromEntries(mode.zones.map((zoneId) => [zoneId, leases.get(zoneId)?.serverId ?? null]));
    return {
      level: 'info',
      message:
        'standby: another server owns every zone in ASSIGNED_ZONES; this one claims a zone as soon as its owner stops renewing the lease (within 15 s of the owner dying)',
      facts: { assignedZones: mode.zones, owners },
    };
  }
  if (assignments.size === 0) {
    return {
      level: 'warn',
      message:
        'owns no zone: no zone assignment exists in Redis. The operator writes them (a ZoneAssignment resource); is it running? ' +
        'To run without the operator, set ASSIGNED_ZONES to the zones this server should simulate (docs/operations.md)',
      facts: { serverId },
    };
  }
  const servers = [...new Set([...assignments.values()].map((record) => record.serverId))].sort();
  return {
    level: 'info',
    message: `owns no zone: the zone assignments name other servers, not SERVER_ID=${serverId}; this server is a spare until the operator assigns it a zone`,
    facts: { serverId, assignedServers: servers, assignedZones: assignments.size },
  };
}

export interface IdleNoticeOptions {
  /** The zones this server owns now. */
  owned: () => readonly string[];
  /** Why it owns none (reads the registry). */
  explain: () => Promise<IdleReason>;
  logger: Logger;
  /** How often ownership is looked at (default 5 s). */
  checkEveryMs?: number;
  /** While it stays idle, the reason is logged again at most this often (default 5 min). */
  repeatEveryMs?: number;
  now?: () => number;
}

/**
 * A zone server that owns nothing says why: at start-up, and again now and
 * then (rate limited) while it stays so; once when it gets a zone. Without
 * it, a server started with neither the operator nor ASSIGNED_ZONES idles
 * in silence.
 */
export class IdleNotice {
  private timer: NodeJS.Timeout | undefined;
  private loggedAt: number | undefined;
  private busy = false;
  private readonly now: () => number;

  constructor(private readonly options: IdleNoticeOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Looks once now (the start-up notice), then every `checkEveryMs`. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs ?? 5_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async check(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const owned = this.options.owned();
      if (owned.length > 0) {
        if (this.loggedAt !== undefined) this.options.logger.info({ zones: owned }, 'owns zones now');
        this.loggedAt = undefined;
        return;
      }
      const now = this.now();
      if (this.loggedAt !== undefined && now - this.loggedAt < (this.options.repeatEveryMs ?? 300_000)) return;
      this.loggedAt = now;
      const reason = await this.options.explain();
      this.options.logger[reason.level](reason.facts, reason.message);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'owns no zone, and could not read the registry to say why');
    } finally {
      this.busy = false;
    }
  }
}
