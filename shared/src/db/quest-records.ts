// Quests as the rest of the system sees them (docs/gameplay.md, "Quests").

export const QUEST_OBJECTIVES = ['kill', 'collect'] as const;
/** `kill`: kill `goal` creatures of the species `targetId`; `collect`: hand in `goal` of the item `targetId`. */
export type QuestObjective = (typeof QUEST_OBJECTIVES)[number];

export interface QuestReward {
  coins: number;
  xp: number;
  /** An item given at turn-in, or null. */
  itemId: string | null;
  quantity: number;
}

export interface QuestRecord {
  id: string;
  name: string;
  description: string;
  /** The NPC that gives it and takes it back. */
  giverId: string;
  minLevel: number;
  objective: QuestObjective;
  /** A species id (kill) or an item id (collect). */
  targetId: string;
  goal: number;
  reward: QuestReward;
  /** May be taken again after it was turned in. */
  repeatable: boolean;
}

export const QUEST_STATUSES = ['active', 'done'] as const;
/** `active`: accepted, not yet turned in; `done`: turned in. */
export type QuestStatus = (typeof QUEST_STATUSES)[number];

/** One quest in a character's log. */
export interface CharacterQuestRecord {
  questId: string;
  status: QuestStatus;
  /** Kills so far (kill quests); collect quests count the bags instead. */
  progress: number;
}
