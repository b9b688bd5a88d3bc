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

export function withEntity(world: World, entity: Entity): World {
  const entities = new Map(world.entities);
  entities.set(entity.id, entity);
  return { ...world, entities };
}

export function withoutEntity(world: World, entityId: string): World {
  if (!world.entities.has(entityId)) return world;
  const entities = new Map(world.entities);
  entities.delete(entityId);
  return { ...world, entities };
}
