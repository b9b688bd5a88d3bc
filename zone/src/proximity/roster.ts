import type { RosterEntry } from '@aether/shared';
import { bearing, round } from '../movement/geometry.js';
import { isMoving, type Entity } from '../world/types.js';

/** The viewer's view of one other entity (for `/look`): where it is and where it lies relative to the viewer. */
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
