import type { SpawnRuleRecord } from '@aether/shared/db';
import { bearing, clampToBounds } from '../movement/geometry.js';
import type { Entity, World } from '../world/types.js';
import type { CreatureCombat } from './creature-combat.js';
import type { CreatureMode, WildlifeState } from './creature.js';
import { around, clampInto, distanceOutside, randomPointIn, type Point } from './region.js';
import type { WildlifeTuning } from './tuning.js';

export type Creature = Entity & { readonly wildlife: WildlifeState };

export interface BehaviourContext {
  world: World;
  rule: SpawnRuleRecord;
  random: () => number;
  tuning: WildlifeTuning;
  combat: CreatureCombat;
}

/**
 * One tick of one living creature's mind: pick a mode and the intent that
 * carries it out. Movement itself happens later in the tick, like a player's.
 */
export function behave(creature: Creature, context: BehaviourContext): Creature {
  const outside = distanceOutside(creature, context.rule.region);
  if (creature.wildlife.mode.kind === 'return') {
    // Deaf to players until back in its region, or it could be kited away for ever.
    return outside === 0 ? rest(creature, context) : creature.intent.kind === 'idle' ? goHome(creature, context) : creature;
  }
  return context.rule.species.temperament === 'skittish' ? skittish(creature, context, outside) : fighter(creature, context, outside);
}

function skittish(creature: Creature, context: BehaviourContext, outside: number): Creature {
  const { perception } = context.rule.species;
  const fleeing = creature.wildlife.mode.kind === 'flee';
  // Once running it keeps running until the threat is well clear, so it does not dither at the edge of its perception.
  const radius = fleeing ? perception * context.tuning.calmFactor : perception;
  const threat = nearest(creature, context, context.combat.attackers(creature), Infinity) ?? nearestPlayer(creature, context, radius);
  if (threat) return flee(creature, threat, context);
  if (fleeing) return outside > 0 ? goHome(creature, context) : rest(creature, context);
  return calm(creature, context, outside);
}

function fighter(creature: Creature, context: BehaviourContext, outside: number): Creature {
  const { species } = context.rule;
  const foeId = context.combat.foe(creature);
  let target = foeId === undefined ? undefined : living(context.world.entities.get(foeId), context);
  let current: Creature = creature;
  if (!target && species.temperament === 'aggressive') {
    target = nearestPlayer(creature, context, species.perception);
    if (target) current = context.combat.engage(creature, target.id, context.world.time) as Creature;
  }
  if (target) {
    // The leash: past this it gives up, heals and goes home.
    if (outside > species.leashRange) return goHome(context.combat.reset(current) as Creature, context);
    return chase(current, target, context);
  }
  if (creature.wildlife.mode.kind === 'chase') {
    const settled = context.combat.reset(current) as Creature;
    return outside > 0 ? goHome(settled, context) : rest(settled, context);
  }
  return calm(current, context, outside);
}

function calm(creature: Creature, context: BehaviourContext, outside: number): Creature {
  if (outside > 0) return goHome(creature, context);
  const mode = creature.wildlife.mode;
  if (mode.kind === 'rest') return context.world.time >= mode.until ? wander(creature, context) : creature;
  if (mode.kind === 'wander') return creature.intent.kind === 'idle' ? rest(creature, context) : creature;
  return rest(creature, context);
}

function rest(creature: Creature, context: BehaviourContext): Creature {
  const { min, max } = context.tuning.restSeconds;
  const until = context.world.time + min + context.random() * (max - min);
  return withMode(creature, { kind: 'rest', until }, { intent: { kind: 'idle' }, maxSpeed: context.rule.species.wanderSpeed });
}

function wander(creature: Creature, context: BehaviourContext): Creature {
  const to = randomPointIn(around(creature, context.tuning.wanderRadius, context.rule.region), context.random);
  return withMode(creature, { kind: 'wander' }, { intent: { kind: 'target', ...to }, maxSpeed: context.rule.species.wanderSpeed });
}

function goHome(creature: Creature, context: BehaviourContext): Creature {
  const entry = clampInto(creature, context.rule.region);
  const to = randomPointIn(around(entry, context.tuning.wanderRadius / 2, context.rule.region), context.random);
  return withMode(creature, { kind: 'return' }, { intent: { kind: 'target', ...to }, maxSpeed: context.rule.species.runSpeed });
}

function chase(creature: Creature, target: Entity, context: BehaviourContext): Creature {
  const { species } = context.rule;
  const gap = Math.hypot(target.x - creature.x, target.y - creature.y);
  const reach = species.weapon.range * context.tuning.reachFactor;
  const mode: CreatureMode = { kind: 'chase', targetId: target.id };
  if (gap <= reach) {
    return withMode(creature, mode, { intent: { kind: 'idle' }, heading: bearing(creature.x, creature.y, target.x, target.y), maxSpeed: species.runSpeed });
  }
  // Aim a little short of the target, so it stops within reach instead of on top of it.
  const stopShort = (reach * 0.5) / gap;
  const to = { x: target.x - (target.x - creature.x) * stopShort, y: target.y - (target.y - creature.y) * stopShort };
  return withMode(creature, mode, { intent: { kind: 'target', ...to }, maxSpeed: species.runSpeed });
}

/** Straight away from the threat; when a wall is in the way, the closest turn that still gains ground. */
function flee(creature: Creature, threat: Entity, context: BehaviourContext): Creature {
  const { fleeStep } = context.tuning;
  const dx = creature.x - threat.x;
  const dy = creature.y - threat.y;
  const length = Math.hypot(dx, dy);
  const away = length > 0 ? Math.atan2(dy, dx) : context.random() * 2 * Math.PI;
  let to: Point = { x: creature.x, y: creature.y };
  for (const turn of [0, 45, -45, 90, -90]) {
    const angle = away + (turn * Math.PI) / 180;
    to = clampToBounds(creature.x + Math.cos(angle) * fleeStep, creature.y + Math.sin(angle) * fleeStep, context.world.zone.bounds);
    if (Math.hypot(to.x - creature.x, to.y - creature.y) >= fleeStep / 2) break;
  }
  return withMode(creature, { kind: 'flee', from: threat.id }, { intent: { kind: 'target', ...to }, maxSpeed: context.rule.species.runSpeed });
}

function withMode(creature: Creature, mode: CreatureMode, change: Partial<Entity>): Creature {
  return { ...creature, ...change, wildlife: { ...creature.wildlife, mode } };
}

function living(entity: Entity | undefined, context: BehaviourContext): Entity | undefined {
  return entity && !context.combat.isDead(entity) ? entity : undefined;
}

function nearestPlayer(creature: Entity, context: BehaviourContext, radius: number): Entity | undefined {
  const players: string[] = [];
  for (const entity of context.world.entities.values()) if (entity.kind === 'player') players.push(entity.id);
  return nearest(creature, context, players, radius);
}

/** The nearest living entity among `ids` within `radius`; ties go to the earlier id, so the choice never depends on map order. */
function nearest(creature: Entity, context: BehaviourContext, ids: readonly string[], radius: number): Entity | undefined {
  let best: Entity | undefined;
  let bestDistance = Infinity;
  for (const id of ids) {
    const other = living(context.world.entities.get(id), context);
    if (!other || other.id === creature.id) continue;
    const distance = Math.hypot(other.x - creature.x, other.y - creature.y);
    if (distance > radius) continue;
    if (!best || distance < bestDistance || (distance === bestDistance && other.id < best.id)) {
      best = other;
      bestDistance = distance;
    }
  }
  return best;
}
