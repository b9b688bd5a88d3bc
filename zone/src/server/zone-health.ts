import type { MessageBus } from '@aether/shared';
import type { Database } from '@aether/shared/db';
import { Readiness, type ReadinessCheck, type ReadinessOptions } from '@aether/shared/observability';
import { busCheck, databaseCheck } from '@aether/shared/process';

/** Past this without a tick the process is stuck (a blocked event loop): /health answers 503 and the kubelet restarts it. */
const LIVENESS_TICK_STALL_MS = 15_000;
/** Past this without a tick the server is too far behind to take zones: /ready answers 503. */
const READINESS_TICK_STALL_MS = 5_000;

export interface TickSource {
  /** Milliseconds since the tick loop last ran; undefined until it has started. */
  readonly msSinceTick: number | undefined;
  readonly zoneIds: readonly string[];
}

export interface OwnershipState {
  /** Start-up has claimed what it could. */
  readonly started: boolean;
  /** The zones this server owns now. */
  readonly zones: readonly string[];
}

/** Liveness: the tick loop has ticked lately (it ticks with no zone too, so a standby is live). Status 'ok' or 'stalled'. */
export function tickLiveness(host: TickSource, stallMs = LIVENESS_TICK_STALL_MS): { status: 'ok' | 'stalled'; msSinceTick: number | null } {
  const since = host.msSinceTick;
  return { status: since !== undefined && since > stallMs ? 'stalled' : 'ok', msSinceTick: since === undefined ? null : Math.round(since) };
}

/**
 * The zone server's own readiness checks, beside the bus's and the
 * database's: the tick loop runs (and has started), and start-up has
 * finished with every zone it owns loaded into the simulation. Owning no
 * zone is ready (a standby or a spare; the idle notice says why).
 */
export function zoneChecks(host: TickSource, ownership: OwnershipState): ReadinessCheck[] {
  return [
    {
      name: 'tick',
      probe: () => {
        const since = host.msSinceTick;
        if (since === undefined) throw new Error('the tick loop has not started');
        if (since > READINESS_TICK_STALL_MS) throw new Error(`no tick for ${Math.round(since)} ms`);
      },
    },
    {
      name: 'zones',
      probe: () => {
        if (!ownership.started) throw new Error('still claiming its zones');
        const loaded = new Set(host.zoneIds);
        const missing = ownership.zones.filter((zoneId) => !loaded.has(zoneId));
        if (missing.length > 0) throw new Error(`owned but not loaded: ${missing.join(', ')}`);
      },
    },
  ];
}

/** A zone server's `/ready`: the bus, the database, the tick loop and its owned zones loaded. */
export function zoneReadiness(
  deps: { serverId: string; bus: Pick<MessageBus, 'get'>; database: Pick<Database, 'client'>; host: TickSource; ownership: OwnershipState },
  options?: ReadinessOptions,
): Readiness {
  return new Readiness([busCheck(deps.bus, deps.serverId), databaseCheck(deps.database), ...zoneChecks(deps.host, deps.ownership)], options);
}
