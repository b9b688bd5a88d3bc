import type { MoveRequest } from '@aether/shared';
import type { Entity, MoveIntent, ZoneDef } from '../world/types.js';
import { bearing, clampToBounds, headingVector, inside, normaliseHeading } from './geometry.js';

/** Arrival tolerance: closer than this to a target counts as there. */
const ARRIVE_EPSILON = 0.05;

/**
 * Where a walker may stand: inside its zone, or — for players, who can be
 * handed to the next zone — inside a neighbouring zone; anywhere else is
 * clamped back to the zone's edge.
 */
function confine(x: number, y: number, zone: ZoneDef, canCross: boolean): { x: number; y: number } {
  if (inside(x, y, zone.bounds)) return { x, y };
  if (canCross && zone.neighbors?.some((neighbor) => inside(x, y, neighbor.bounds))) return { x, y };
  return clampToBounds(x, y, zone.bounds);
}

/** The neighbouring zone a point lies in, when it has left this one. */
export function zoneEntered(x: number, y: number, zone: ZoneDef): string | undefined {
  if (inside(x, y, zone.bounds)) return undefined;
  return zone.neighbors?.find((neighbor) => inside(x, y, neighbor.bounds))?.id;
}

/**
 * Turns a client's request into an intent. The client may ask for any speed;
 * the character's own limit applies, which is what stops speed hacks.
 */
export function intentFor(entity: Entity, move: MoveRequest, zone: ZoneDef): MoveIntent {
  if ('stop' in move) return { kind: 'idle' };
  if ('target' in move) {
    const target = confine(move.target.x, move.target.y, zone, entity.player !== undefined);
    return { kind: 'target', x: target.x, y: target.y };
  }
  const speed = Math.min(move.speed, entity.maxSpeed);
  if (speed === 0) return { kind: 'idle' };
  return { kind: 'heading', heading: normaliseHeading(move.heading), speed };
}

/** Advances one entity by `dt` seconds. Never moves further than maxSpeed·dt, never leaves the walkable area. */
export function advance(entity: Entity, dt: number, zone: ZoneDef): Entity {
  const intent = entity.intent;
  if (intent.kind === 'idle' || dt <= 0) return entity;

  if (intent.kind === 'heading') {
    const { dx, dy } = headingVector(intent.heading);
    const step = Math.min(intent.speed, entity.maxSpeed) * dt;
    const next = confine(entity.x + dx * step, entity.y + dy * step, zone, entity.player !== undefined);
    // Walking into the zone's edge: stop rather than report walking in place forever.
    if (next.x === entity.x && next.y === entity.y) return { ...entity, heading: intent.heading, intent: { kind: 'idle' } };
    return { ...entity, ...next, heading: intent.heading };
  }

  const distance = Math.hypot(intent.x - entity.x, intent.y - entity.y);
  if (distance <= ARRIVE_EPSILON) return { ...entity, x: intent.x, y: intent.y, intent: { kind: 'idle' } };
  const heading = bearing(entity.x, entity.y, intent.x, intent.y);
  const step = entity.maxSpeed * dt;
  if (step >= distance) return { ...entity, x: intent.x, y: intent.y, heading, intent: { kind: 'idle' } };
  const ratio = step / distance;
  return {
    ...entity,
    x: entity.x + (intent.x - entity.x) * ratio,
    y: entity.y + (intent.y - entity.y) * ratio,
    heading,
  };
}
