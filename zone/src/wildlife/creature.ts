import type { SpawnRuleRecord } from '@aether/shared/db';

/** What a creature is doing; the wildlife system moves it between these each tick. */
export type CreatureMode =
  /** Standing about until `until` (world time), then off on another wander. */
  | { readonly kind: 'rest'; readonly until: number }
  /** Walking to a random point of its region. */
  | { readonly kind: 'wander' }
  /** Running from a player (skittish species). */
  | { readonly kind: 'flee'; readonly from: string }
  /** Going for a player (aggressive species, or anyone hitting back). */
  | { readonly kind: 'chase'; readonly targetId: string }
  /** Heading back into its region, deaf to players until inside (after a leash or a flight). */
  | { readonly kind: 'return' };

/** The wildlife component of an entity: which rule made it, how old it is, what it is doing. */
export interface WildlifeState {
  readonly ruleId: string;
  readonly speciesId: string;
  readonly slot: number;
  readonly level: number;
  readonly spawnLevel: number;
  /** World time of spawning; its age drives growth. */
  readonly bornAt: number;
  readonly mode: CreatureMode;
  /** Set for a creature an admin's /spawn made (summon.ts): the rule it lives by, outside the zone's spawn table. */
  readonly summoned?: SpawnRuleRecord;
}

/** Respawn bookkeeping for one place in a spawn rule's count. */
export type SpawnSlot =
  | { readonly kind: 'alive'; readonly entityId: string; readonly generation: number }
  | { readonly kind: 'empty'; readonly respawnAt: number; readonly generation: number };

/** Zone-wide wildlife state that belongs to no single creature: respawn timers outlive their creatures. */
interface WildlifeSpawns {
  /** By `slotKey(ruleId, slot)`. */
  readonly slots: ReadonlyMap<string, SpawnSlot>;
}

export const slotKey = (ruleId: string, slot: number) => `${ruleId}.${slot}`;

/** Every spawn gets a fresh id, so clients never mistake a newcomer for the creature they saw die. */
export const creatureId = (ruleId: string, slot: number, generation: number) => `w:${ruleId}.${slot}.${generation}`;

// Registers wildlife's entity component and its respawn timers on the world (zone/src/world/types.ts).
declare module '../world/types.js' {
  interface EntityComponents {
    /** Set for creatures the wildlife system spawned. */
    readonly wildlife?: WildlifeState;
  }
  interface WorldComponents {
    /** Respawn timers of the zone's spawn rules; they outlive the creatures. */
    readonly wildlife?: WildlifeSpawns;
  }
}
