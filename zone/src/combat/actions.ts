import { distance, isAlive, resourcesOf, withResources, withState, type Fighter } from './combatant.js';
import { participant, type CombatTick } from './combat-tick.js';
import { swingAttack } from './attacks.js';
import { kill } from './death.js';
import { hitLine, missLine, nameOf, sentence } from './narrative.js';
import { dueling } from './pvp/duel-state.js';
import { loseDuel } from './pvp/duels.js';
import { harmRefusal } from './pvp/harm.js';
import { mayStrikeAcross, swingAcross } from './remote/strike-out.js';
import { hasStatus } from './status-effects.js';
import { isDue } from './timing.js';

/**
 * A hostile act between two fighters: both are in combat from now; a defender
 * without a target turns to face the attacker, and a non-player that
 * retaliates starts hitting back.
 */
export function engage(tick: CombatTick, attackerId: string, defenderId: string): void {
  const { now } = tick;
  const attacker = tick.fighter(attackerId);
  if (attacker) tick.put(withState(attacker, { inCombat: true, lastHostileAt: now, targetId: attacker.combat.state.targetId ?? defenderId }));
  const defender = tick.fighter(defenderId);
  if (!defender || defender.combat.state.dead || defenderId === attackerId) return;
  const { state } = defender.combat;
  const fightsBack = !defender.player && defender.combat.retaliate && !state.autoAttacking;
  tick.put(
    withState(defender, {
      inCombat: true,
      lastHostileAt: now,
      targetId: fightsBack ? attackerId : (state.targetId ?? attackerId),
      autoAttacking: state.autoAttacking || fightsBack,
    }),
  );
}

/** Takes hp; remembers who dealt it (for the XP split); a fighter at 0 hp dies. */
export function applyDamage(tick: CombatTick, attackerId: string, defenderId: string, amount: number): void {
  const defender = tick.fighter(defenderId);
  if (!defender || defender.combat.state.dead) return;
  const resources = resourcesOf(defender);
  // A blow that would drop a duelist to 0 hp ends the duel instead: they keep 1 hp and lose (zone/src/combat/pvp).
  const attacker = tick.get(attackerId);
  if (amount >= resources.hp && attacker && dueling(attacker, defender)) {
    loseDuel(tick, defender.id, attacker.id);
    return;
  }
  const dealt = Math.min(amount, resources.hp);
  const { damagedBy } = defender.combat.state;
  const hurt = withResources(defender, { ...resources, hp: resources.hp - dealt });
  tick.put(withState(hurt, { damagedBy: { ...damagedBy, [attackerId]: (damagedBy[attackerId] ?? 0) + dealt } }));
  if (resources.hp - dealt <= 0) kill(tick, defenderId, attackerId);
}

/** One auto-attack, if it is due and the target is alive and within reach (here, or a ghost across a border). */
export function autoAttack(tick: CombatTick, id: string): void {
  const attacker = tick.fighter(id);
  if (!attacker?.combat.state.autoAttacking) return;
  const { state, weapon } = attacker.combat;
  const here = tick.get(state.targetId);
  // Across a border the target's zone says whether it still lives (zone/src/combat/remote/).
  const target = here ?? tick.ghost(state.targetId);
  const across = !here && target !== undefined && mayStrikeAcross(attacker, target);
  if (!target || (!across && !isAlive(target))) {
    tick.put(withState(attacker, { autoAttacking: false }));
    tick.tell(attacker, 'combat', 'You stop attacking: your target is gone.');
    return;
  }
  if (state.casting || hasStatus(state, 'stun') || !isDue(tick.now, state.nextSwingAt)) return;
  const reach = distance(attacker, target);
  if (reach > weapon.range) {
    if (!state.toldOutOfRange) {
      tick.tell(
        attacker,
        'combat',
        `${sentence(nameOf(target))} is out of reach (${Math.round(reach)} m; your ${weapon.name.toLowerCase()} reaches ${weapon.range} m).`,
      );
      tick.put(withState(attacker, { toldOutOfRange: true }));
    }
    return;
  }
  // Checked each swing: a duel can end, a player can walk into a safe zone or join the party (zone/src/combat/pvp).
  const pvp = isAlive(target) ? harmRefusal(tick.zone, attacker, target) : undefined;
  if (pvp) {
    tick.put(withState(attacker, { autoAttacking: false }));
    tick.tell(attacker, 'combat', `You stop attacking. ${pvp}`);
    return;
  }
  if (isAlive(target)) swing(tick, attacker, target);
  else swingAcross(tick, attacker, target);
}

function swing(tick: CombatTick, attacker: Fighter, defender: Fighter): void {
  const outcome = tick.deps.calculator.resolve(swingAttack(attacker, defender, tick.rules), tick.random);
  tick.put(withState(attacker, { nextSwingAt: tick.now + attacker.combat.weapon.delay, toldOutOfRange: false }));
  engage(tick, attacker.id, defender.id);
  const detail = { source: participant(attacker), target: participant(defender) };
  if (!outcome.hit) {
    tick.narrate(attacker, defender, missLine(attacker, defender), 'combat', { ...detail, result: 'miss' });
    return;
  }
  tick.narrate(attacker, defender, hitLine(attacker, defender, outcome.amount, outcome.flags), 'combat', {
    ...detail,
    result: 'hit',
    amount: outcome.amount,
    flags: outcome.flags,
  });
  applyDamage(tick, attacker.id, defender.id, outcome.amount);
}
