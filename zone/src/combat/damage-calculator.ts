import { DEFAULT_COMBAT_RULES, type CombatRules } from './combat-rules.js';
import type { CombatStats } from './combatant.js';

const OUTCOME_FLAGS = ['critical', 'penetrating', 'deflected', 'glancing'] as const;
export type OutcomeFlag = (typeof OUTCOME_FLAGS)[number];

interface Side {
  stats: CombatStats;
  level: number;
}

export interface Attack {
  attacker: Side;
  defender: Side;
  /** Base damage, rolled uniformly between these whole numbers. */
  minDamage: number;
  maxDamage: number;
  /** Added to the roll before the outcome multipliers (from stats). */
  bonus: number;
}

export type DamageOutcome = { hit: false } | { hit: true; amount: number; flags: OutcomeFlag[] };

export interface Chances {
  hit: number;
  critical: number;
  penetrating: number;
  deflected: number;
  glancing: number;
}

type DamageRules = Pick<CombatRules, 'hit' | 'critical' | 'penetrating' | 'deflected' | 'glancing'>;

const clamp = (value: number, min = 0, max = 1) => Math.min(max, Math.max(min, value));

/**
 * Hit or miss, then the outcome flags and their multipliers. Pure: the same
 * attack and the same random numbers give the same outcome. It always draws
 * exactly six numbers (hit, damage, critical, penetrating, deflected,
 * glancing), so one attack never shifts the rolls of the next.
 */
export class DamageCalculator {
  constructor(private readonly rules: DamageRules = DEFAULT_COMBAT_RULES) {}

  chances({ attacker, defender }: Pick<Attack, 'attacker' | 'defender'>): Chances {
    const { hit, critical, penetrating, deflected, glancing } = this.rules;
    const accuracy = attacker.stats.agility - defender.stats.agility;
    const levels = attacker.level - defender.level;
    return {
      hit: clamp(hit.base + accuracy * hit.perAccuracy + levels * hit.perLevel, hit.min, hit.max),
      critical: clamp(critical.base + attacker.stats.agility * critical.perPoint),
      penetrating: clamp(penetrating.base + attacker.stats.strength * penetrating.perPoint),
      deflected: clamp(deflected.base + defender.stats.strength * deflected.perPoint),
      glancing: clamp(glancing.base + Math.max(0, -levels) * glancing.perPoint),
    };
  }

  resolve(attack: Attack, random: () => number): DamageOutcome {
    const [hitRoll, damageRoll, critRoll, penetrateRoll, deflectRoll, glanceRoll] = [random(), random(), random(), random(), random(), random()];
    const chances = this.chances(attack);
    if (hitRoll! >= chances.hit) return { hit: false };

    const critical = critRoll! < chances.critical;
    const penetrating = penetrateRoll! < chances.penetrating;
    const happened: Record<OutcomeFlag, boolean> = {
      critical,
      penetrating,
      // A penetrating blow goes through whatever would have deflected it; a critical one is never a glance.
      deflected: !penetrating && deflectRoll! < chances.deflected,
      glancing: !critical && glanceRoll! < chances.glancing,
    };
    const flags = OUTCOME_FLAGS.filter((flag) => happened[flag]);
    const multiplier = flags.reduce((product, flag) => product * this.rules[flag].multiplier, 1);

    const low = Math.min(attack.minDamage, attack.maxDamage);
    const high = Math.max(attack.minDamage, attack.maxDamage);
    const base = low + Math.floor(damageRoll! * (high - low + 1)) + attack.bonus;
    return { hit: true, amount: Math.max(1, Math.round(base * multiplier)), flags };
  }
}
