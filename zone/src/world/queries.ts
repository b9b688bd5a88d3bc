import type { Entity, World } from './types.js';

export function isPlayer(entity: Entity): boolean {
  return entity.kind === 'player';
}

/** Players within `radius` metres of a point (in the horizontal plane), the point's own entity included. */
export function playersWithin(world: World, x: number, y: number, radius: number): Entity[] {
  const r2 = radius * radius;
  const found: Entity[] = [];
  for (const entity of world.entities.values()) {
    if (!isPlayer(entity)) continue;
    const dx = entity.x - x;
    const dy = entity.y - y;
    if (dx * dx + dy * dy <= r2) found.push(entity);
  }
  return found;
}

const DRAFT = Symbol('aether.world.draft');

/**
 * Marks a world as one tick's working draft: its entity map was made during
 * the tick and nothing outside the tick can see it, so withEntity() and
 * withoutEntity() edit that map in place instead of copying all of it per
 * change (a zone of 800 players copies 800 entries per copy). Only the
 * orchestrator marks worlds (zone/src/simulation/step.ts), and never the world
 * it was given: the tick stays a pure function of its input. The mark is not
 * enumerable, so `{ ...draft }` is an ordinary world again.
 */
export function asDraft(world: World): World {
  Object.defineProperty(world, DRAFT, { value: true });
  return world;
}

function draftEntities(world: World): Map<string, Entity> | undefined {
  return (world as { [DRAFT]?: true })[DRAFT] ? (world.entities as Map<string, Entity>) : undefined;
}

/** The world with `entity` put in (added or replaced): a new world, or the same draft edited. */
export function withEntity(world: World, entity: Entity): World {
  const draft = draftEntities(world);
  if (draft) {
    draft.set(entity.id, entity);
    return world;
  }
  const entities = new Map(world.entities);
  entities.set(entity.id, entity);
  return { ...world, entities };
}

/** The world without `entityId`: a new world, or the same draft edited. */
export function withoutEntity(world: World, entityId: string): World {
  if (!world.entities.has(entityId)) return world;
  const draft = draftEntities(world);
  if (draft) {
    draft.delete(entityId);
    return world;
  }
  const entities = new Map(world.entities);
  entities.delete(entityId);
  return { ...world, entities };
}
