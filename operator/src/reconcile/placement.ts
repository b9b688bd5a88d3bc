import { assign, type ServerCapacity } from '@aether/shared';
import type { ServerView } from './servers.js';
import type { AssignmentStatus, PlannedAssignment, ReassignReason, ZoneAssignmentSpec } from './types.js';

interface ZoneChange {
  zoneId: string;
  /** Undefined: the zone had no owner (first placement). */
  from: string | undefined;
  to: string;
  /** Undefined for a first placement. */
  reason: ReassignReason | undefined;
}

export interface PlacementResult {
  /** In spec order; a changed zone has `epoch: undefined` (a new one is drawn when the status is written). */
  assignments: PlannedAssignment[];
  changes: ZoneChange[];
  /** Zones no usable server can take; they keep their previous assignment, if any. */
  unplaced: string[];
  /** Zones that left the spec. */
  removed: AssignmentStatus[];
}

/**
 * Places the spec's zones with the shared pure `assign()` (minimal moves,
 * weights, maxZones) over the servers that may own zones: live ones.
 * Draining servers take part only to give their zones away. A server that
 * already reports maxPlayersPerServer, or is on hold after Redis lost its
 * data, keeps its zones but gets no more.
 */
export function placeZones(spec: ZoneAssignmentSpec, servers: readonly ServerView[], previous: readonly AssignmentStatus[], nowIso: string): PlacementResult {
  const inSpec = new Set(spec.zones.map((zone) => zone.id));
  const before = new Map(previous.filter((a) => inSpec.has(a.zoneId)).map((a) => [a.zoneId, a]));
  const current = new Map([...before].map(([zoneId, a]) => [zoneId, a.server]));
  const byName = new Map(servers.map((server) => [server.name, server]));

  const capacities: ServerCapacity[] = servers
    .filter((server) => server.live || server.holding)
    .map((server) => {
      const holding = [...current.values()].filter((owner) => owner === server.name).length;
      // A server on hold (Redis lost its heartbeat) keeps what it has, like a full one.
      const full = server.holding || (server.heartbeat?.players ?? 0) >= spec.servers.maxPlayersPerServer;
      return {
        id: server.name,
        draining: server.draining || server.heartbeat?.draining === true,
        maxZones: full ? Math.min(holding, spec.servers.maxZonesPerServer) : spec.servers.maxZonesPerServer,
      };
    });
  const placement = assign(
    spec.zones.map((zone) => ({ id: zone.id, weight: zone.weight })),
    capacities,
    current,
  );

  const changes: ZoneChange[] = placement.moved.map(({ zoneId, from, to }) => ({ zoneId, from, to, reason: reasonFor(from, byName) }));
  const changed = new Map(changes.map((change) => [change.zoneId, change]));
  const assignments: PlannedAssignment[] = [];
  for (const zone of spec.zones) {
    const change = changed.get(zone.id);
    const kept = before.get(zone.id);
    if (change) assignments.push({ zoneId: zone.id, server: change.to, epoch: undefined, since: nowIso });
    else if (kept) assignments.push({ ...kept });
  }
  return {
    assignments,
    changes,
    unplaced: placement.unplaced,
    removed: previous.filter((a) => !inSpec.has(a.zoneId)),
  };
}

function reasonFor(from: string | undefined, servers: ReadonlyMap<string, ServerView>): ReassignReason | undefined {
  if (from === undefined) return undefined;
  const server = servers.get(from);
  if (!server) return 'pod_gone';
  if (!server.live) return server.lostReason;
  if (server.draining || server.heartbeat?.draining) return 'drain';
  return 'rebalance';
}
