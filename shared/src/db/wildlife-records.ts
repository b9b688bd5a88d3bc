// Wildlife content as the rest of the system sees it (docs/gameplay.md, "Wildlife").
import type { CharacterStats, ZoneBounds } from './records.js';

export const TEMPERAMENTS = ['passive', 'skittish', 'aggressive'] as const;
/** How a species reacts to players: ignores them (fights back when hit), runs from them, or hunts them. */
export type Temperament = (typeof TEMPERAMENTS)[number];

/** Combat stats of a creature; `hp` is its maximum at that level. */
export interface CreatureStats extends CharacterStats {
  hp: number;
}

/** A creature's natural weapon, in the terms combat uses for an item weapon. */
export interface NaturalWeapon {
  /** Seconds between auto-attacks. */
  delay: number;
  minDamage: number;
  maxDamage: number;
  /** Reach in metres. */
  range: number;
}

export interface SpeciesRecord {
  id: string;
  name: string;
  temperament: Temperament;
  /** Metres per second while ambling about. */
  wanderSpeed: number;
  /** Metres per second while fleeing, chasing or going home. */
  runSpeed: number;
  /** How far it notices players, metres. */
  perception: number;
  /** How far past its spawn region it follows prey before giving up, metres. */
  leashRange: number;
  /** Stats at level 1. */
  base: CreatureStats;
  /** What each level above 1 adds (fractions accumulate; stats are rounded). */
  perLevel: CreatureStats;
  weapon: NaturalWeapon;
  /** Simulated seconds alive per level gained. */
  secondsPerLevel: number;
  /** What a kill may drop, by item id. */
  loot: LootRecord[];
}

/** One row of a species' loot table: rolled once per kill. */
export interface LootRecord {
  itemId: string;
  /** Probability, 0 to 1. */
  chance: number;
  minQuantity: number;
  maxQuantity: number;
}

export interface SpawnRuleRecord {
  id: string;
  zoneId: string;
  species: SpeciesRecord;
  /** How many are alive at once. */
  count: number;
  minLevel: number;
  maxLevel: number;
  /** Where they spawn and wander, in world coordinates. */
  region: ZoneBounds;
  /** Seconds from a death to the replacement's spawn. */
  respawnSeconds: number;
}
