import { distanceToBounds, round } from '../movement/geometry.js';
import { motionOf } from '../view/motion.js';
import { isMoving, type Entity, type World } from '../world/types.js';

/** How an entity is described to the zone across the border. */
export interface BorderEntity {
  id: string;
  kind: Entity['kind'];
  name: string;
  x: number;
  y: number;
  z: number;
  heading: number;
  moving: boolean;
  /** Metres per second along `heading`: the other side carries the entity forward between reports. */
  speed?: number;
}

/** The zone host publishes this report to the neighbour's input channel. */
export interface BorderEffect {
  kind: 'border';
  toZoneId: string;
  entities: BorderEntity[];
}

/** How long a neighbour's report stays valid without a refresh, seconds. */
export const GHOST_TTL_SECONDS = 1;

/**
 * For each neighbouring zone, what a player standing in it could see of this
 * zone: every entity within perception range of that zone's area.
 */
export function borderReports(world: World, perceptionRange: number): Map<string, BorderEntity[]> {
  const reports = new Map<string, BorderEntity[]>();
  for (const neighbor of world.zone.neighbors ?? []) {
    const visible: BorderEntity[] = [];
    for (const entity of world.entities.values()) {
      if (distanceToBounds(entity.x, entity.y, neighbor.bounds) > perceptionRange) continue;
      visible.push({
        id: entity.id,
        kind: entity.kind,
        name: entity.name,
        x: round(entity.x),
        y: round(entity.y),
        z: round(entity.z),
        heading: round(entity.heading, 1),
        moving: isMoving(entity),
        speed: round(motionOf(entity).speed),
      });
    }
    reports.set(neighbor.id, visible);
  }
  return reports;
}

/** A reported entity as a stand-in that rosters can show but nothing here simulates. */
export function ghostEntity(reported: BorderEntity): Entity {
  return {
    ...reported,
    // A ghost never advances here; its intent and limit only tell viewers how it walks.
    maxSpeed: reported.speed ?? 0,
    intent: reported.moving ? { kind: 'heading', heading: reported.heading, speed: reported.speed ?? 0 } : { kind: 'idle' },
  };
}

/** Ghosts still fresh, minus any that are really here now (a player who just crossed over). */
export function liveGhosts(world: World): Entity[] {
  const ghosts: Entity[] = [];
  for (const report of world.ghosts.values()) {
    if (world.time - report.receivedAt > GHOST_TTL_SECONDS) continue;
    for (const ghost of report.entities) if (!world.entities.has(ghost.id)) ghosts.push(ghost);
  }
  return ghosts;
}

// Registers this feature's effects with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../world/effects.js' {
  interface EffectMap {
    border: BorderEffect;
  }
}
