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
  /** A fighter's hp in percent (0: dead); absent for what cannot fight. */
  health?: number;
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
      const reported: BorderEntity = {
        id: entity.id,
        kind: entity.kind,
        name: entity.name,
        x: round(entity.x),
        y: round(entity.y),
        z: round(entity.z),
        heading: round(entity.heading, 1),
        moving: isMoving(entity),
        speed: round(motionOf(entity).speed),
      };
      const health = healthOf(entity);
      if (health !== undefined) reported.health = health;
      visible.push(reported);
    }
    reports.set(neighbor.id, visible);
  }
  return reports;
}

/** A fighter's hp in percent for a target frame across the border (0 only when dead); undefined for what cannot fight. */
function healthOf(entity: Entity): number | undefined {
  const resources = entity.player?.resources ?? entity.combat?.resources;
  if (!entity.combat || !resources) return undefined;
  if (entity.combat.state.dead || resources.hp <= 0) return 0;
  return resources.maxHp > 0 ? Math.max(1, Math.round((100 * resources.hp) / resources.maxHp)) : 100;
}

/** A reported entity as a stand-in that rosters can show but nothing here simulates; `fromZoneId` owns it. */
export function ghostEntity({ health, ...reported }: BorderEntity, fromZoneId: string): Entity {
  return {
    ...reported,
    ghostOf: fromZoneId,
    ...(health !== undefined ? { ghostHealth: health } : {}),
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

/** A live ghost by id (a target across the border), unless the entity is really here now. Scans the reports: call it only for an id not found here. */
export function findGhost(world: World, id: string | undefined): Entity | undefined {
  if (id === undefined || world.ghosts.size === 0 || world.entities.has(id)) return undefined;
  for (const report of world.ghosts.values()) {
    if (world.time - report.receivedAt > GHOST_TTL_SECONDS) continue;
    for (const ghost of report.entities) if (ghost.id === id) return ghost;
  }
  return undefined;
}

/** A stand-in for an entity that another zone simulates (it lives in `world.ghosts`, never in `world.entities`). */
export function isGhost(entity: Entity | undefined): boolean {
  return entity?.ghostOf !== undefined;
}

// Marks ghosts with the zone that owns them (zone/src/world/types.ts, EntityComponents).
declare module '../world/types.js' {
  interface EntityComponents {
    /** Set on ghosts only: the neighbouring zone that simulates this entity and resolves blows at it. */
    readonly ghostOf?: string;
    /** Ghosts of fighters: hp in percent as last reported (0: dead). */
    readonly ghostHealth?: number;
  }
}

// Registers this feature's effects with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../world/effects.js' {
  interface EffectMap {
    border: BorderEffect;
  }
}
