import type { CharacterQuestRecord, QuestRecord } from './quest-records.js';

export interface QuestRepository {
  /** Every quest, sorted by id. */
  listQuests(): Promise<QuestRecord[]>;
  /** A character's quest log (active and turned-in quests), sorted by quest id. */
  listCharacterQuests(characterId: string): Promise<CharacterQuestRecord[]>;
}
