import type { PlannedStatus, ZoneAssignmentStatus } from './types.js';

/**
 * Whether the status needs writing. Every write is a watch event for every
 * client, so fields that move all the time — heartbeat times and player
 * counts — are refreshed at most every `refreshMs`; everything else is
 * written as soon as it differs.
 */
export function statusChanged(previous: ZoneAssignmentStatus, next: PlannedStatus, _now: number, refreshMs: number): boolean {
  if (canonical(hard(previous)) !== canonical(hard(next))) return true;
  if (canonical(previous) === canonical(next)) return false;
  const before = new Map((previous.servers ?? []).map((s) => [s.name, s.lastHeartbeat ? Date.parse(s.lastHeartbeat) : undefined]));
  return (next.servers ?? []).some((s) => {
    if (!s.lastHeartbeat) return false;
    const seen = before.get(s.name);
    return seen === undefined || Date.parse(s.lastHeartbeat) - seen >= refreshMs;
  });
}

function hard(status: ZoneAssignmentStatus | PlannedStatus): unknown {
  const { players: _players, servers, ...rest } = status;
  return { ...rest, servers: (servers ?? []).map(({ players: _p, lastHeartbeat: _l, ...server }) => server) };
}

/** JSON with sorted keys and no undefined values, so the API server's key order does not count as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
