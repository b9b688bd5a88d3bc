import type { CharacterQuestRecord, QuestStatus } from '@aether/shared/db';

/** One quest in a character's log: accepted (`active`, with kills so far) or turned in (`done`). */
export interface QuestLogEntry {
  readonly questId: string;
  readonly status: QuestStatus;
  readonly progress: number;
}

/**
 * A player's quest log, loaded with the character (character_quest rows) and
 * written through with `quest` effects on every change.
 */
export interface QuestLog {
  readonly entries: readonly QuestLogEntry[];
  /**
   * What the client was last sent in `state_update.quests`: the entries it
   * showed (the very array) and a key of everything else the list depends on
   * (level, givers nearby, items in the bags for collect quests). Unset: send it.
   */
  readonly shown?: { readonly entries: readonly QuestLogEntry[]; readonly key: string } | undefined;
}

export const EMPTY_QUEST_LOG: QuestLog = { entries: [] };

/** The log as loaded from the database. */
export function questLog(records: readonly CharacterQuestRecord[]): QuestLog {
  return { entries: records.map(({ questId, status, progress }) => ({ questId, status, progress })) };
}

export function entryOf(log: QuestLog, questId: string): QuestLogEntry | undefined {
  return log.entries.find((entry) => entry.questId === questId);
}

/** The log with the quest's entry set (added or replaced). */
export function withEntry(log: QuestLog, entry: QuestLogEntry): QuestLog {
  const others = log.entries.filter((other) => other.questId !== entry.questId);
  return { ...log, entries: [...others, entry] };
}

/** The log without the quest. */
export function withoutEntry(log: QuestLog, questId: string): QuestLog {
  return { ...log, entries: log.entries.filter((entry) => entry.questId !== questId) };
}

// Registers the quest log on players (zone/src/world/types.ts, PlayerComponents).
declare module '../world/types.js' {
  interface PlayerComponents {
    /** Absent until loaded (a store without quests): an empty log. */
    quests?: QuestLog;
  }
}
