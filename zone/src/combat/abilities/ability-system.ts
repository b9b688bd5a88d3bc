import { isGhost } from '../../borders/border-interest.js';
import type { Entity } from '../../world/types.js';
import { ATB_MAX } from '../atb.js';
import { distance, isAlive, resourcesOf, withResources, withState, type Fighter } from '../combatant.js';
import { nameOf } from '../narrative.js';
import { hasStatus } from '../status-effects.js';
import { isDue } from '../timing.js';
import type { AbilityDefinition, Cost } from './ability-definition.js';

/**
 * The rules of using an ability: who may, at whom, what it costs and when it
 * is ready again. Costs go into escrow when the cast starts; an interrupt
 * refunds them and completion spends them. Pure functions of the fighter and
 * the world time.
 */

export type UseCheck = { ok: true } | { ok: false; code: 'invalid_command' | 'too_far'; message: string };

const refuse = (message: string, code: 'invalid_command' | 'too_far' = 'invalid_command'): UseCheck => ({ ok: false, code, message });
const seconds = (value: number) => `${Math.ceil(value * 10) / 10} s`;

export function checkUse(actor: Fighter, ability: AbilityDefinition, target: Entity | undefined, now: number): UseCheck {
  const { state } = actor.combat;
  if (state.dead) return refuse('You are dead.');
  if (hasStatus(state, 'stun')) return refuse('You are stunned.');
  if (state.casting) return refuse('You are already casting.');
  const readyAt = state.cooldowns[ability.id] ?? -Infinity;
  if (!isDue(now, readyAt)) return refuse(`${ability.name} is ready in ${seconds(readyAt - now)}.`);
  if (state.atb < ability.cost.atb) return refuse(`Not enough ATB for ${ability.name} (${Math.floor(state.atb)}/${ability.cost.atb}).`);
  const resources = resourcesOf(actor);
  if (resources.stamina < ability.cost.stamina) return refuse(`Not enough stamina for ${ability.name} (${resources.stamina}/${ability.cost.stamina}).`);
  if (resources.mana < ability.cost.mana) return refuse(`Not enough mana for ${ability.name} (${resources.mana}/${ability.cost.mana}).`);
  if (ability.castTime > 0 && actor.intent.kind !== 'idle') return refuse(`You cannot cast ${ability.name} while moving; /stop first.`);
  if (ability.target === 'enemy') {
    if (!target) return refuse(`${ability.name} needs a target: /target <name> first, or /ability ${ability.id} <name>.`);
    if (target.id === actor.id) return refuse(`You cannot use ${ability.name} on yourself.`);
    // A ghost across a border: its own zone resolves the effect, and says whether it still lives (zone/src/combat/remote/).
    if (!isAlive(target) && !isGhost(target)) return refuse(`You cannot use ${ability.name} on ${nameOf(target)}.`);
    const reach = distance(actor, target);
    if (reach > ability.range) {
      return refuse(`${capitalise(nameOf(target))} is too far away for ${ability.name} (${Math.round(reach)} m; it reaches ${ability.range} m).`, 'too_far');
    }
  }
  return { ok: true };
}

/** Takes the cost into escrow and starts the cast (an instant one completes on this tick). */
export function beginCast(actor: Fighter, ability: AbilityDefinition, targetId: string, now: number): Fighter {
  const resources = resourcesOf(actor);
  const paid = withResources(actor, { ...resources, stamina: resources.stamina - ability.cost.stamina, mana: resources.mana - ability.cost.mana });
  return withState(paid, {
    atb: actor.combat.state.atb - ability.cost.atb,
    casting: { abilityId: ability.id, targetId, startedAt: now, completesAt: now + ability.castTime, escrow: ability.cost },
  });
}

/** Ends the cast and gives the escrow back (never past a full pool or gauge). */
export function interruptCast(actor: Fighter): Fighter {
  const casting = actor.combat.state.casting;
  if (!casting) return actor;
  return withState(refund(actor, casting.escrow), { casting: undefined });
}

/** Ends the cast: the escrow is spent and the cooldown starts now. */
export function finishCast(actor: Fighter, ability: AbilityDefinition, now: number): Fighter {
  const { state } = actor.combat;
  return withState(actor, { casting: undefined, cooldowns: { ...state.cooldowns, [ability.id]: now + ability.cooldown } });
}

function refund(actor: Fighter, cost: Cost): Fighter {
  const resources = resourcesOf(actor);
  const restored = withResources(actor, {
    ...resources,
    stamina: Math.min(resources.maxStamina, resources.stamina + cost.stamina),
    mana: Math.min(resources.maxMana, resources.mana + cost.mana),
  });
  return withState(restored, { atb: Math.min(ATB_MAX, actor.combat.state.atb + cost.atb) });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
