import type { SpawnRuleRecord } from './wildlife-records.js';

export interface WildlifeRepository {
  /** Spawn rules with their species, sorted by zone then id; one zone's only when `zoneId` is given. */
  listSpawnRules(zoneId?: string): Promise<SpawnRuleRecord[]>;
}
