import type { CombatState, StatusEffect, StatusKind } from './combatant.js';
import { isDue } from './timing.js';

/** A new effect of a kind replaces the old one (refreshing its duration) rather than stacking. */
export function applyStatus(effects: readonly StatusEffect[], effect: StatusEffect): StatusEffect[] {
  return [...effects.filter((existing) => existing.kind !== effect.kind), effect];
}

export function expireStatuses(effects: readonly StatusEffect[], now: number): { active: StatusEffect[]; expired: StatusEffect[] } {
  const active: StatusEffect[] = [];
  const expired: StatusEffect[] = [];
  for (const effect of effects) (isDue(now, effect.expiresAt) ? expired : active).push(effect);
  return { active, expired };
}

export function hasStatus(state: Pick<CombatState, 'effects'>, kind: StatusKind): boolean {
  return state.effects.some((effect) => effect.kind === kind);
}

/** Haste and slow multiply the ATB fill rate; a stun stops it. */
export function atbMultiplier(effects: readonly StatusEffect[]): number {
  let multiplier = 1;
  for (const effect of effects) {
    if (effect.kind === 'stun') return 0;
    multiplier *= effect.magnitude;
  }
  return multiplier;
}
