import type { Archetype, Resources } from '@aether/shared';
import type { CombatRules } from './combat-rules.js';
import type { CombatStats } from './combatant.js';

type LevelRules = Pick<CombatRules, 'levelXp' | 'maxLevel'>;

/** Total experience needed to reach `level`: levelXp × L × (L − 1) / 2, so 0, 100, 300, 600, … with the defaults. */
export function xpToReach(level: number, rules: LevelRules): number {
  return (rules.levelXp * level * (level - 1)) / 2;
}

export function levelForXp(xp: number, rules: LevelRules): number {
  let level = 1;
  while (level < rules.maxLevel && xpToReach(level + 1, rules) <= xp) level++;
  return level;
}

/**
 * Shares `total` among contributors in proportion to the damage each dealt,
 * in whole points that add up to `total` (largest remainders get the spare
 * points; ties go to whoever is listed first).
 */
export function splitXp(total: number, contributions: ReadonlyArray<readonly [string, number]>): Map<string, number> {
  const counted = contributions.filter(([, damage]) => damage > 0);
  const sum = counted.reduce((acc, [, damage]) => acc + damage, 0);
  const shares = new Map<string, number>();
  if (sum === 0 || total <= 0) return shares;
  const exact = counted.map(([id, damage], index) => ({ id, index, value: (total * damage) / sum }));
  for (const { id, value } of exact) shares.set(id, Math.floor(value));
  let spare = total - [...shares.values()].reduce((acc, value) => acc + value, 0);
  const byRemainder = [...exact].sort((a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)) || a.index - b.index);
  for (const { id } of byRemainder) {
    if (spare === 0) break;
    shares.set(id, shares.get(id)! + 1);
    spare--;
  }
  return shares;
}

export interface Grown {
  stats: CombatStats;
  resources: Resources;
}

/** Stats and pool maxima after gaining `levels` levels; pools are refilled, a level-up's reward. */
export function grow(archetype: Archetype, stats: CombatStats, resources: Resources, levels: number, rules: Pick<CombatRules, 'growth'>): Grown {
  const g = rules.growth[archetype];
  const maxHp = resources.maxHp + g.maxHp * levels;
  const maxStamina = resources.maxStamina + g.maxStamina * levels;
  const maxMana = resources.maxMana + g.maxMana * levels;
  return {
    stats: {
      strength: stats.strength + g.strength * levels,
      agility: stats.agility + g.agility * levels,
      intellect: stats.intellect + g.intellect * levels,
      speed: stats.speed + g.speed * levels,
    },
    resources: { hp: maxHp, maxHp, stamina: maxStamina, maxStamina, mana: maxMana, maxMana },
  };
}
