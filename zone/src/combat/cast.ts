import type { AbilityDefinition } from './abilities/ability-definition.js';
import { finishCast, interruptCast } from './abilities/ability-system.js';
import { applyDamage, engage } from './actions.js';
import { abilityAttack, healAmount } from './attacks.js';
import { distance, isAlive, resourcesOf, withResources, withState, type Fighter } from './combatant.js';
import { participant, type CombatTick } from './combat-tick.js';
import { healLine, hitLine, missLine, nameOf, statusLine } from './narrative.js';
import { harmRefusal } from './pvp/harm.js';
import { castAcross, mayStrikeAcross } from './remote/strike-out.js';
import { applyStatus, hasStatus } from './status-effects.js';
import { isDue } from './timing.js';

/** Completes a cast that is due; interrupts one whose caster moved or is stunned (refunding its escrow). */
export function advanceCast(tick: CombatTick, id: string): void {
  const caster = tick.fighter(id);
  const casting = caster?.combat.state.casting;
  if (!caster || !casting) return;
  if (isDue(tick.now, casting.completesAt)) {
    completeCast(tick, caster);
    return;
  }
  if (hasStatus(caster.combat.state, 'stun')) interrupt(tick, caster, 'you are stunned');
  else if (caster.intent.kind !== 'idle') interrupt(tick, caster, 'you moved');
}

/** Stops a cast and refunds what it held, telling the caster why. */
function interrupt(tick: CombatTick, caster: Fighter, why: string): void {
  const casting = caster.combat.state.casting;
  if (!casting) return;
  const ability = abilityOf(tick, caster, casting.abilityId);
  tick.put(interruptCast(caster));
  const name = ability?.name ?? casting.abilityId;
  tick.tell(caster, 'combat', `Your ${name} is interrupted: ${why}. Its cost is refunded.`, {
    source: participant(caster),
    target: participant(tick.get(casting.targetId) ?? caster),
    ability: name,
    result: 'interrupt',
  });
}

function completeCast(tick: CombatTick, caster: Fighter): void {
  const casting = caster.combat.state.casting!;
  const ability = abilityOf(tick, caster, casting.abilityId);
  const here = ability?.target === 'self' ? caster : tick.get(casting.targetId);
  // A target across a border is a ghost: its own zone resolves the effect (zone/src/combat/remote/).
  const ghost = here ? undefined : tick.ghost(casting.targetId);
  const target = ghost && mayStrikeAcross(caster, ghost) ? ghost : here;
  // The world may have moved on since the cast began; then the escrow goes back.
  const problem = !ability
    ? 'you no longer know it'
    : !target || (!ghost && !isAlive(target))
      ? 'the target is gone'
      : target.id !== caster.id && distance(caster, target) > ability.range
        ? `${nameOf(target)} is out of range`
        : undefined;
  if (problem || !ability || !target) {
    interrupt(tick, caster, problem ?? 'it failed');
    return;
  }
  if (!isAlive(target)) {
    tick.put(finishCast(caster, ability, tick.now));
    castAcross(tick, tick.fighter(caster.id)!, target, ability);
    return;
  }
  // Checked when it lands, not only when it began: the duel may be over, the target in a safe zone (zone/src/combat/pvp).
  const pvp = ability.target === 'enemy' ? harmRefusal(tick.zone, caster, target) : undefined;
  if (pvp) {
    interrupt(tick, caster, pvp.replace(/\.$/, ''));
    return;
  }

  tick.put(finishCast(caster, ability, tick.now));
  const effect = ability.effect;
  const detail = { source: participant(caster), target: participant(target), ability: ability.name };
  switch (effect.kind) {
    case 'damage': {
      const outcome = tick.deps.calculator.resolve(abilityAttack(caster, target, effect), tick.random);
      engage(tick, caster.id, target.id);
      if (!outcome.hit) {
        tick.narrate(caster, target, missLine(caster, target, ability.name), 'combat', { ...detail, result: 'miss' });
        return;
      }
      tick.narrate(caster, target, hitLine(caster, target, outcome.amount, outcome.flags, ability.name), 'combat', {
        ...detail,
        result: 'hit',
        amount: outcome.amount,
        flags: outcome.flags,
      });
      applyDamage(tick, caster.id, target.id, outcome.amount);
      return;
    }
    case 'heal': {
      const healer = tick.fighter(caster.id)!;
      const resources = resourcesOf(healer);
      const amount = Math.min(healAmount(healer, effect), resources.maxHp - resources.hp);
      tick.put(withResources(healer, { ...resources, hp: resources.hp + amount }));
      tick.narrate(caster, caster, healLine(caster, amount, ability.name), 'combat', { ...detail, result: 'heal', amount });
      return;
    }
    case 'status': {
      if (ability.target === 'enemy') engage(tick, caster.id, target.id);
      const affected = tick.fighter(target.id)!;
      const status = { kind: effect.status, magnitude: effect.magnitude, expiresAt: tick.now + effect.duration, sourceId: caster.id };
      tick.put(withState(affected, { effects: applyStatus(affected.combat.state.effects, status) }));
      tick.narrate(caster, target, statusLine(caster, target, effect.status, effect.duration, ability.name), 'combat', { ...detail, result: 'status' });
      if (effect.status === 'stun') interrupt(tick, tick.fighter(target.id)!, 'you are stunned');
      return;
    }
  }
}

function abilityOf(tick: CombatTick, caster: Fighter, id: string): AbilityDefinition | undefined {
  return caster.combat.abilities.find((ability) => ability.id === id) ?? tick.deps.abilities.get(id);
}
