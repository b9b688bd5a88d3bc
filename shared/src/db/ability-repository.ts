import type { AbilityRecord } from './combat-records.js';

export interface AbilityRepository {
  /** Every ability definition, sorted by id. */
  listAbilities(): Promise<AbilityRecord[]>;
  /** Ids of the abilities a character has learned, sorted. */
  listLearned(characterId: string): Promise<string[]>;
}
