import type { AbilityEffect } from './abilities/ability-definition.js';
import type { CombatRules } from './combat-rules.js';
import { fightingStats, levelOf, type Fighter } from './combatant.js';
import type { Attack } from './damage-calculator.js';

function sides(attacker: Fighter, defender: Fighter): Pick<Attack, 'attacker' | 'defender'> {
  return {
    attacker: { stats: fightingStats(attacker.combat), level: levelOf(attacker) },
    defender: { stats: fightingStats(defender.combat), level: levelOf(defender) },
  };
}

/** An auto-attack: the weapon's roll plus strength (melee) or agility (ranged) / statPerDamage. */
export function swingAttack(attacker: Fighter, defender: Fighter, rules: Pick<CombatRules, 'meleeRange' | 'statPerDamage'>): Attack {
  const { weapon } = attacker.combat;
  const stats = fightingStats(attacker.combat);
  const stat = weapon.range > rules.meleeRange ? stats.agility : stats.strength;
  return { ...sides(attacker, defender), minDamage: weapon.minDamage, maxDamage: weapon.maxDamage, bonus: Math.floor(stat / rules.statPerDamage) };
}

/** A damaging ability: power ±10 % plus the scaling stat × scaling. */
export function abilityAttack(attacker: Fighter, defender: Fighter, effect: Extract<AbilityEffect, { kind: 'damage' }>): Attack {
  return {
    ...sides(attacker, defender),
    minDamage: Math.floor(effect.power * 0.9),
    maxDamage: Math.ceil(effect.power * 1.1),
    bonus: Math.round(scaledBonus(attacker, effect)),
  };
}

/** What a heal restores: power plus the scaling stat × scaling, rounded. */
export function healAmount(healer: Fighter, effect: Extract<AbilityEffect, { kind: 'heal' }>): number {
  return Math.max(0, Math.round(effect.power + scaledBonus(healer, effect)));
}

function scaledBonus(fighter: Fighter, effect: { stat?: keyof Fighter['combat']['stats'] | undefined; scaling: number }): number {
  return effect.stat ? fightingStats(fighter.combat)[effect.stat] * effect.scaling : 0;
}
