import type { Entity } from '../world/types.js';

/**
 * How an entity is moving right now, as clients are told: along `heading`
 * at `speed` metres per second. It mirrors `advance` (movement/move.ts): a
 * heading intent walks at the requested speed up to the walker's limit, a
 * target intent at the limit. Ghosts (entities of the zone next door) carry
 * their reported speed as their limit.
 */
export function motionOf(entity: Entity): { heading: number; speed: number } {
  const intent = entity.intent;
  if (intent.kind === 'idle') return { heading: entity.heading, speed: 0 };
  if (intent.kind === 'heading') return { heading: intent.heading, speed: Math.min(intent.speed, entity.maxSpeed) };
  return { heading: entity.heading, speed: entity.maxSpeed };
}
