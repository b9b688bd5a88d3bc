import type { Archetype } from '@aether/shared';
import type { CombatStats } from './combatant.js';

interface Chance {
  /** Probability before stats, 0..1. */
  base: number;
  /** Added per point of the stat that drives it. */
  perPoint: number;
  multiplier: number;
}

/** What one level adds, per archetype. */
interface Growth extends CombatStats {
  maxHp: number;
  maxStamina: number;
  maxMana: number;
}

/** Tunable combat rules; every default is documented in docs/gameplay.md ("Combat"). */
export interface CombatRules {
  /** ATB points per second per point of speed: speed 10 fills the 100-point gauge in 100 / (10 × 2) = 5 s. */
  atbPerSpeed: number;
  /** The client hears about the gauge each time it crosses a multiple of this. */
  atbReportStep: number;
  /** Seconds without a hostile action before a fighter leaves combat. */
  combatTimeout: number;
  /** Seconds a dead player waits before respawning at the zone's spawn point. */
  respawnDelay: number;
  /** Pools regenerate in pulses this many seconds apart. */
  regenInterval: number;
  /** Fraction of the maximum restored per pulse; hp only out of combat. */
  regen: { hp: number; stamina: number; mana: number };
  /** Players this close to the defender see the fight narrated, metres. */
  messageRange: number;
  /** Weapons that reach further than this are ranged: agility, not strength, adds to their damage. */
  meleeRange: number;
  /** Stat points that add one point of auto-attack damage. */
  statPerDamage: number;
  hit: { base: number; perAccuracy: number; perLevel: number; min: number; max: number };
  critical: Chance;
  penetrating: Chance;
  deflected: Chance;
  glancing: Chance;
  /** Experience for killing a victim of level L is L × this, unless the victim sets its own. */
  xpPerVictimLevel: number;
  /** Reaching level L takes levelXp × L × (L − 1) / 2 experience in total: 100, 300, 600, … */
  levelXp: number;
  maxLevel: number;
  growth: Record<Archetype, Growth>;
  /** Bag slots 1..bagSlots; slot 0 is the wielded weapon. */
  bagSlots: number;
}

export const DEFAULT_COMBAT_RULES: CombatRules = {
  atbPerSpeed: 2,
  atbReportStep: 10,
  combatTimeout: 6,
  respawnDelay: 10,
  regenInterval: 2,
  regen: { hp: 0.03, stamina: 0.05, mana: 0.04 },
  messageRange: 30,
  meleeRange: 5,
  statPerDamage: 2,
  hit: { base: 0.85, perAccuracy: 0.01, perLevel: 0.02, min: 0.05, max: 0.98 },
  critical: { base: 0.05, perPoint: 0.005, multiplier: 2 },
  penetrating: { base: 0.05, perPoint: 0.0025, multiplier: 1.25 },
  deflected: { base: 0.05, perPoint: 0.0025, multiplier: 0.5 },
  glancing: { base: 0.1, perPoint: 0.05, multiplier: 0.7 },
  xpPerVictimLevel: 20,
  levelXp: 100,
  maxLevel: 50,
  growth: {
    warrior: { strength: 2, agility: 1, intellect: 0, speed: 0, maxHp: 12, maxStamina: 6, maxMana: 2 },
    ranger: { strength: 1, agility: 2, intellect: 0, speed: 1, maxHp: 9, maxStamina: 7, maxMana: 3 },
    mage: { strength: 0, agility: 1, intellect: 2, speed: 0, maxHp: 6, maxStamina: 3, maxMana: 10 },
  },
  bagSlots: 20,
};
