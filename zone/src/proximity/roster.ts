import type { ProximityRosterDelta, RosterEntry } from '@aether/shared';
import { bearing, round } from '../movement/geometry.js';
import { isMoving, type Entity } from '../world/types.js';
import type { SpatialHash } from './spatial-hash.js';

export type Roster = ReadonlyMap<string, RosterEntry>;

/** How much must change before a viewer is told again; keeps deltas quiet while nothing visible happens. */
export interface ChangeThresholds {
  position: number;
  range: number;
  bearing: number;
}

export const DEFAULT_THRESHOLDS: ChangeThresholds = { position: 0.05, range: 1, bearing: 5 };

/** The viewer's view of one other entity: where it is and where it lies relative to the viewer. */
export function rosterEntry(viewer: Entity, other: Entity): RosterEntry {
  const horizontal = Math.hypot(other.x - viewer.x, other.y - viewer.y);
  const dz = other.z - viewer.z;
  return {
    id: other.id,
    kind: other.kind,
    name: other.name,
    x: round(other.x),
    y: round(other.y),
    z: round(other.z),
    heading: round(other.heading, 1),
    moving: isMoving(other),
    bearing: round(bearing(viewer.x, viewer.y, other.x, other.y), 1),
    elevation: round(horizontal === 0 && dz === 0 ? 0 : (Math.atan2(dz, horizontal) * 180) / Math.PI, 1),
    range: round(Math.hypot(horizontal, dz)),
  };
}

export function rosterFor(viewer: Entity, hash: SpatialHash<Entity>, range: number): Map<string, RosterEntry> {
  const roster = new Map<string, RosterEntry>();
  for (const other of hash.within(viewer.x, viewer.y, range)) {
    if (other.id !== viewer.id) roster.set(other.id, rosterEntry(viewer, other));
  }
  return roster;
}

function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

export function hasChanged(before: RosterEntry, after: RosterEntry, t: ChangeThresholds = DEFAULT_THRESHOLDS): boolean {
  return (
    Math.hypot(after.x - before.x, after.y - before.y) >= t.position ||
    Math.abs(after.z - before.z) >= t.position ||
    after.heading !== before.heading ||
    after.moving !== before.moving ||
    after.name !== before.name ||
    Math.abs(after.range - before.range) >= t.range ||
    angleBetween(after.bearing, before.bearing) >= t.bearing
  );
}

/**
 * What the viewer must be told to get from `before` to `after`. Entries that
 * changed only a little are not sent, and the viewer keeps the old entry as
 * its reference, so slow drift still adds up to a change eventually.
 */
export function diffRoster(
  before: Roster,
  after: Map<string, RosterEntry>,
  thresholds: ChangeThresholds = DEFAULT_THRESHOLDS,
): { delta: ProximityRosterDelta; next: Map<string, RosterEntry> } {
  const delta: ProximityRosterDelta = { added: [], removed: [], changed: [] };
  const next = new Map<string, RosterEntry>();
  for (const [id, entry] of after) {
    const previous = before.get(id);
    if (!previous) {
      delta.added.push(entry);
      next.set(id, entry);
    } else if (hasChanged(previous, entry, thresholds)) {
      delta.changed.push(entry);
      next.set(id, entry);
    } else {
      next.set(id, previous);
    }
  }
  for (const id of before.keys()) if (!after.has(id)) delta.removed.push(id);
  return { delta, next };
}

export function isEmptyDelta(delta: ProximityRosterDelta): boolean {
  return delta.added.length === 0 && delta.removed.length === 0 && delta.changed.length === 0;
}
