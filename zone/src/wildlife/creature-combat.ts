import type { CreatureStats, LootRecord, NaturalWeapon, Temperament } from '@aether/shared/db';
import type { Entity } from '../world/types.js';

export interface Armament {
  stats: CreatureStats;
  weapon: NaturalWeapon;
  level: number;
  temperament: Temperament;
  /** The species' loot table: rolled when the creature is killed (docs/gameplay.md, "Items"). */
  loot: readonly LootRecord[];
}

/**
 * What wildlife needs from combat. The wildlife system decides where a
 * creature goes and whom it wants to fight; combat owns hit points, swings
 * and death. `combat-bridge.ts` implements this over zone/src/combat;
 * `NO_COMBAT` leaves creatures unarmed (tests of movement alone).
 */
export interface CreatureCombat {
  /** A newborn creature made a fighter. */
  arm(creature: Entity, armament: Armament): Entity;
  /** New stats after growing a level, keeping the damage it has taken. */
  grow(creature: Entity, armament: Armament): Entity;
  isDead(entity: Entity): boolean;
  /** World time of death, when dead and known. */
  diedAt(entity: Entity): number | undefined;
  /** Whom it is fighting (its own choice or hitting back), if anyone. */
  foe(creature: Entity): string | undefined;
  /** Who has hurt it in the current fight. */
  attackers(creature: Entity): string[];
  /** Starts fighting `targetId`. */
  engage(creature: Entity, targetId: string, now: number): Entity;
  /** Stops fighting and heals fully: a leashed creature goes home whole. */
  reset(creature: Entity): Entity;
}

export const NO_COMBAT: CreatureCombat = {
  arm: (creature) => creature,
  grow: (creature) => creature,
  isDead: () => false,
  diedAt: () => undefined,
  foe: (creature) => (creature.wildlife?.mode.kind === 'chase' ? creature.wildlife.mode.targetId : undefined),
  attackers: () => [],
  engage: (creature) => creature,
  reset: (creature) => creature,
};
