import type { Entity, World } from './types.js';

export function isPlayer(entity: Entity): boolean {
  return entity.kind === 'player';
}

const DRAFT = Symbol('aether.world.draft');

/**
 * Marks a world as one tick's working draft: its entity map was made during
 * the tick and nothing outside the tick can see it, so withEntity() edits
 * that map in place instead of copying all of it per
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
