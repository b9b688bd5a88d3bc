import type { Entity } from '../../world/types.js';
import type { AbilityDefinition } from '../abilities/ability-definition.js';
import { abilityAttack, swingAttack } from '../attacks.js';
import { fightingStats, levelOf, withState, type Fighter } from '../combatant.js';
import type { CombatTick } from '../combat-tick.js';
import type { RemoteStrike } from './remote-combat.js';

/** Players fight across a border only what is not a player: player-versus-player stays within one zone and its PvP rules. */
export function mayStrikeAcross(attacker: Entity, ghost: Entity): boolean {
  return !(attacker.player && ghost.kind === 'player');
}

/** An auto-attack at a ghost: the swing is spent here; the target's zone rolls it. */
export function swingAcross(tick: CombatTick, attacker: Fighter, ghost: Entity): void {
  const { weapon } = attacker.combat;
  tick.put(withState(attacker, { nextSwingAt: tick.now + weapon.delay, toldOutOfRange: false }));
  // The defender's side is the target zone's to fill in; only the attacker's numbers travel.
  const { minDamage, maxDamage, bonus } = swingAttack(attacker, attacker, tick.rules);
  strikeAcross(tick, attacker, ghost, { reach: weapon.range, effect: { kind: 'damage', minDamage, maxDamage, bonus } });
}

/** A completed ability at a ghost (its cost already spent): damage or a status, resolved by the target's zone. */
export function castAcross(tick: CombatTick, caster: Fighter, ghost: Entity, ability: AbilityDefinition): void {
  const { effect } = ability;
  if (effect.kind === 'damage') {
    const { minDamage, maxDamage, bonus } = abilityAttack(caster, caster, effect);
    strikeAcross(tick, caster, ghost, { ability: ability.name, reach: ability.range, effect: { kind: 'damage', minDamage, maxDamage, bonus } });
  } else if (effect.kind === 'status') {
    const { status, magnitude, duration } = effect;
    strikeAcross(tick, caster, ghost, { ability: ability.name, reach: ability.range, effect: { kind: 'status', status, magnitude, duration } });
  }
}

function strikeAcross(tick: CombatTick, attacker: Fighter, ghost: Entity, blow: Pick<RemoteStrike, 'ability' | 'reach' | 'effect'>): void {
  if (!ghost.ghostOf) return;
  // The attacker is in combat from now, like after a local blow (engage() on this side).
  const current = tick.fighter(attacker.id) ?? attacker;
  const { state } = current.combat;
  tick.put(withState(current, { inCombat: true, lastHostileAt: tick.now, targetId: state.targetId ?? ghost.id }));
  const effect = blow.effect.kind === 'damage' ? { ...blow.effect, bonus: Math.max(0, blow.effect.bonus) } : blow.effect;
  const strike: RemoteStrike = {
    fromZoneId: tick.zone.id,
    attacker: { id: attacker.id, name: attacker.name, kind: attacker.kind, level: levelOf(attacker), stats: { ...fightingStats(attacker.combat) } },
    targetId: ghost.id,
    ...(blow.ability ? { ability: blow.ability } : {}),
    reach: blow.reach,
    effect,
  };
  tick.effects.push({ kind: 'combat.strike', toZoneId: ghost.ghostOf, strike });
}
