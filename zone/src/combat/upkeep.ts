import { atbRate, fillAtb } from './atb.js';
import { fightingStats, resourcesOf, withResources, withState, type Fighter } from './combatant.js';
import type { CombatTick } from './combat-tick.js';
import { expireStatuses } from './status-effects.js';
import { isDue } from './timing.js';

/** The passage of `dt` seconds for one living fighter: effects wear off, the gauge fills, pools regenerate, quiet fights end. */
export function upkeep(tick: CombatTick, id: string, dt: number): void {
  let fighter = tick.fighter(id);
  if (!fighter || fighter.combat.state.dead) return;
  fighter = expire(tick, fighter);
  const atb = fillAtb(fighter.combat.state.atb, atbRate(fightingStats(fighter.combat), fighter.combat.state.effects, tick.rules), dt);
  // A full gauge stays the same object: a fighter at rest costs no copies (and report() can tell it is at rest).
  if (atb !== fighter.combat.state.atb) fighter = withState(fighter, { atb });
  fighter = regenerate(tick, fighter);
  fighter = leaveQuietCombat(tick, fighter);
  tick.put(fighter);
}

function expire(tick: CombatTick, fighter: Fighter): Fighter {
  const { active, expired } = expireStatuses(fighter.combat.state.effects, tick.now);
  if (expired.length === 0) return fighter;
  for (const effect of expired) tick.tell(fighter, 'combat', `Your ${effect.kind === 'stun' ? 'stun' : effect.kind} wears off.`);
  return withState(fighter, { effects: active });
}

/** Pools refill in pulses; hp only out of combat. */
function regenerate(tick: CombatTick, fighter: Fighter): Fighter {
  const { state } = fighter.combat;
  if (!isDue(tick.now, state.nextRegenAt)) return fighter;
  const { regen, regenInterval } = tick.rules;
  const r = resourcesOf(fighter);
  const gain = (value: number, max: number, fraction: number) => Math.min(max, value + Math.ceil(max * fraction));
  const next = {
    ...r,
    hp: state.inCombat ? r.hp : gain(r.hp, r.maxHp, regen.hp),
    stamina: gain(r.stamina, r.maxStamina, regen.stamina),
    mana: gain(r.mana, r.maxMana, regen.mana),
  };
  const timed = withState(fighter, { nextRegenAt: tick.now + regenInterval });
  return next.hp === r.hp && next.stamina === r.stamina && next.mana === r.mana ? timed : withResources(timed, next);
}

function leaveQuietCombat(tick: CombatTick, fighter: Fighter): Fighter {
  const { state } = fighter.combat;
  if (!state.inCombat || !isDue(tick.now, state.lastHostileAt + tick.rules.combatTimeout)) return fighter;
  tick.tell(fighter, 'combat', 'You are no longer in combat.');
  return withState(fighter, { inCombat: false, autoAttacking: false, damagedBy: {} });
}
