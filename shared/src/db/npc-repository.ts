import type { NpcRecord } from './npc-records.js';

export interface NpcRepository {
  /** NPCs with their dialogue rules, sorted by zone then id; one zone's only when `zoneId` is given. */
  listNpcs(zoneId?: string): Promise<NpcRecord[]>;
}
