import type { NpcRecord } from '@aether/shared/db';

/** An NPC as the zone runs it: its database definition (dialogue rules highest priority first). */
export type NpcDefinition = Omit<NpcRecord, 'zoneId'>;

/** The NPC component of an entity: who it is and whom it has been talking to. */
export interface NpcState {
  readonly definition: NpcDefinition;
  /** Players within earshot at the end of the last tick, so newcomers can be greeted. */
  readonly nearby: ReadonlySet<string>;
  /** Player entity id → world time it was last greeted. */
  readonly greeted: ReadonlyMap<string, number>;
  /** Player entity id → world time of its last exchange with this NPC, while the conversation lasts. */
  readonly talking: ReadonlyMap<string, number>;
}

export const npcEntityId = (npcId: string) => `n:${npcId}`;

// Registers the NPC component on entities (zone/src/world/types.ts, EntityComponents).
declare module '../world/types.js' {
  interface EntityComponents {
    /** Set for NPCs placed from their database definitions. */
    readonly npc?: NpcState;
  }
}
