/** Pure placement of zones on servers; used by static-mode tools and the operator. */

export interface ZoneDemand {
  id: string;
  /** Relative cost of simulating the zone (default 1). */
  weight?: number;
  /** Players in the zone now; counts towards load as `players / playersPerWeight`. */
  players?: number;
}

export interface ServerCapacity {
  id: string;
  /** A draining server keeps nothing and receives nothing. */
  draining?: boolean;
  maxZones?: number;
}

export interface AssignOptions {
  /** How many players weigh as much as one unit of zone weight (default 100). */
  playersPerWeight?: number;
  /** Moving a zone costs a pause; only move when it improves the worst load by more than this (default 0.5). */
  moveThreshold?: number;
}

export interface Placement {
  /** zoneId → serverId; zones that fit nowhere are absent. */
  assignments: Map<string, string>;
  unplaced: string[];
  moved: Array<{ zoneId: string; from: string | undefined; to: string }>;
}

const load = (zone: ZoneDemand, playersPerWeight: number) => (zone.weight ?? 1) + (zone.players ?? 0) / playersPerWeight;

/**
 * Keeps every zone where it is when that server is still usable, places
 * orphans on the least-loaded server with room, then moves zones off the
 * most-loaded server while that clearly narrows the gap. Deterministic: ties
 * break by id, so every operator replica computes the same answer.
 */
export function assign(
  zones: readonly ZoneDemand[],
  servers: readonly ServerCapacity[],
  current: ReadonlyMap<string, string>,
  options: AssignOptions = {},
): Placement {
  const perWeight = options.playersPerWeight ?? 100;
  const threshold = options.moveThreshold ?? 0.5;
  const usable = [...servers].filter((s) => !s.draining).sort((a, b) => a.id.localeCompare(b.id));
  const byId = new Map(usable.map((s) => [s.id, s]));
  const loads = new Map(usable.map((s) => [s.id, 0]));
  const counts = new Map(usable.map((s) => [s.id, 0]));
  const assignments = new Map<string, string>();
  const moved: Placement['moved'] = [];
  const hasRoom = (id: string) => (counts.get(id) ?? 0) < (byId.get(id)?.maxZones ?? Infinity);
  const place = (zone: ZoneDemand, serverId: string) => {
    assignments.set(zone.id, serverId);
    loads.set(serverId, (loads.get(serverId) ?? 0) + load(zone, perWeight));
    counts.set(serverId, (counts.get(serverId) ?? 0) + 1);
  };
  const unplace = (zone: ZoneDemand, serverId: string) => {
    assignments.delete(zone.id);
    loads.set(serverId, (loads.get(serverId) ?? 0) - load(zone, perWeight));
    counts.set(serverId, (counts.get(serverId) ?? 0) - 1);
  };
  const leastLoaded = () => usable.filter((s) => hasRoom(s.id)).sort((a, b) => loads.get(a.id)! - loads.get(b.id)! || a.id.localeCompare(b.id))[0];

  const ordered = [...zones].sort((a, b) => load(b, perWeight) - load(a, perWeight) || a.id.localeCompare(b.id));
  const orphans: ZoneDemand[] = [];
  for (const zone of ordered) {
    const owner = current.get(zone.id);
    if (owner && byId.has(owner) && hasRoom(owner)) place(zone, owner);
    else orphans.push(zone);
  }
  const unplaced: string[] = [];
  for (const zone of orphans) {
    const target = leastLoaded();
    if (!target) {
      unplaced.push(zone.id);
      continue;
    }
    place(zone, target.id);
    moved.push({ zoneId: zone.id, from: current.get(zone.id), to: target.id });
  }

  // Rebalance: move the lightest zone that helps from a busy server to the idlest one,
  // trying the busiest first (ties included), until no single move narrows a gap.
  const gapAfter = (from: string, to: string, w: number) => Math.abs(loads.get(from)! - w - (loads.get(to)! + w));
  for (let guard = zones.length * usable.length + 1; guard > 0; guard--) {
    const sorted = [...usable].sort((a, b) => loads.get(b.id)! - loads.get(a.id)! || a.id.localeCompare(b.id));
    const idlest = [...sorted].reverse().find((s) => hasRoom(s.id));
    if (!idlest) break;
    let step: { zone: ZoneDemand; from: string } | undefined;
    for (const busy of sorted) {
      if (busy.id === idlest.id) break;
      const gap = loads.get(busy.id)! - loads.get(idlest.id)!;
      const zone = ordered
        .filter((z) => assignments.get(z.id) === busy.id)
        .sort((a, b) => load(a, perWeight) - load(b, perWeight) || a.id.localeCompare(b.id))
        .find((z) => gap - gapAfter(busy.id, idlest.id, load(z, perWeight)) > threshold);
      if (zone) {
        step = { zone, from: busy.id };
        break;
      }
    }
    if (!step) break;
    unplace(step.zone, step.from);
    place(step.zone, idlest.id);
    const earlier = moved.find((m) => m.zoneId === step.zone.id);
    if (earlier) earlier.to = idlest.id;
    else moved.push({ zoneId: step.zone.id, from: step.from, to: idlest.id });
  }
  return { assignments, unplaced, moved: moved.filter((m) => m.from !== m.to) };
}
