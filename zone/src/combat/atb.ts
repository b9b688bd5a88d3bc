import type { CombatRules } from './combat-rules.js';
import type { CombatStats, StatusEffect } from './combatant.js';
import { atbMultiplier } from './status-effects.js';

export const ATB_MAX = 100;

/** Gauge points per second: speed × atbPerSpeed, times every haste and slow (0 while stunned). */
export function atbRate(stats: CombatStats, effects: readonly StatusEffect[], rules: Pick<CombatRules, 'atbPerSpeed'>): number {
  return Math.max(0, stats.speed * rules.atbPerSpeed * atbMultiplier(effects));
}

/** The gauge after `dt` seconds at `rate`, capped at 100; rounded so twenty 0.05 s ticks add up to exactly one second. */
export function fillAtb(atb: number, rate: number, dt: number): number {
  return Math.min(ATB_MAX, Math.round((atb + rate * dt) * 1e6) / 1e6);
}
