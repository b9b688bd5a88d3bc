import type { NpcRepository, SpawnRuleRecord, WildlifeRepository } from '@aether/shared/db';
import { npcsByZone } from '../npc/catalog.js';
import type { NpcDefinition } from '../npc/npc-state.js';
import { spawnTablesOf } from '../wildlife/validation.js';

/** Reports a row the zone cannot run (it is skipped, the zone still starts). */
export type ContentProblem = (id: string, problem: string) => void;

/** Every zone's spawn table from the database, without the rules the zone could not run. */
export class DatabaseWildlifeCatalog {
  constructor(
    private readonly repository: WildlifeRepository,
    private readonly onProblem: ContentProblem,
  ) {}

  async spawnTables(): Promise<Map<string, SpawnRuleRecord[]>> {
    return spawnTablesOf(await this.repository.listSpawnRules(), this.onProblem);
  }
}

/** Every zone's NPCs from the database, without dialogue rules that could never match. */
export class DatabaseNpcCatalog {
  constructor(
    private readonly repository: NpcRepository,
    private readonly onProblem: ContentProblem,
  ) {}

  async npcsByZone(): Promise<Map<string, NpcDefinition[]>> {
    return npcsByZone(await this.repository.listNpcs(), this.onProblem);
  }
}
