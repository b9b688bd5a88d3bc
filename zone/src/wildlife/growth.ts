import type { CreatureStats, SpeciesRecord } from '@aether/shared/db';

/** Combat stats of a species at a level: level 1 is the base, each further level adds `perLevel` (rounded at the end, so fractions add up). */
export function statsAt(species: Pick<SpeciesRecord, 'base' | 'perLevel'>, level: number): CreatureStats {
  const gained = Math.max(0, level - 1);
  const at = (stat: keyof CreatureStats) => Math.round(species.base[stat] + species.perLevel[stat] * gained);
  return { hp: at('hp'), strength: at('strength'), agility: at('agility'), intellect: at('intellect'), speed: at('speed') };
}

/**
 * A creature's level after living `age` simulated seconds: one level per
 * `secondsPerLevel`, never past its spawn rule's maximum (nor below its spawn level).
 */
export function levelAt(spawnLevel: number, age: number, secondsPerLevel: number, maxLevel: number): number {
  if (spawnLevel >= maxLevel || secondsPerLevel <= 0) return spawnLevel;
  return Math.min(maxLevel, spawnLevel + Math.floor(Math.max(0, age) / secondsPerLevel));
}

/** A uniformly drawn whole level in [min, max]. */
export function spawnLevel(minLevel: number, maxLevel: number, random: () => number): number {
  const span = Math.max(0, maxLevel - minLevel);
  return Math.min(maxLevel, minLevel + Math.floor(random() * (span + 1)));
}
