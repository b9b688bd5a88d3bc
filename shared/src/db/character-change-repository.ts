import type { LootWindowSave } from './loot-window.js';
import type { EpochFence } from './character-repository.js';
import type { ProgressSave } from './combat-records.js';

/** One bag slot's new contents; a quantity of 0 empties it. */
export interface SlotChange {
  slot: number;
  itemId: string;
  quantity: number;
}

/**
 * Everything that changed for one character since its last write, applied in
 * one transaction (docs/database.md, "Fenced game writes"). Values are
 * absolute (the new level, the slot's new contents), so a change set can be
 * coalesced with a later one; `id` makes a retry after an unacknowledged
 * commit apply nothing twice.
 */
export interface CharacterChangeSet {
  /** A UUID the writer picks once and keeps across retries. */
  id: string;
  characterId: string;
  progress?: ProgressSave;
  /** Abilities learned; already known ones and ids the database does not define are skipped. */
  learned?: readonly string[];
  slots?: readonly SlotChange[];
  /** The character's coins after the change. */
  coins?: number;
  /** Quest log entries' new state; `abandoned` removes the entry. */
  quests?: readonly QuestChange[];
  /** The loot window's new contents; null: none waiting. */
  lootWindow?: LootWindowSave | null;
}

/** One quest log entry's new state. */
export interface QuestChange {
  questId: string;
  status: 'active' | 'done' | 'abandoned';
  progress: number;
}

/**
 * `applied`: written now; `duplicate`: this id committed before, nothing
 * written; `missing`: the character no longer exists, nothing written.
 */
export type ChangeOutcome = 'applied' | 'duplicate' | 'missing';

export interface CharacterChangeRepository {
  /**
   * Applies the change set in one transaction. With a fence it commits only
   * while `fence.zoneId` is owned at `fence.epoch`; otherwise it throws
   * StaleEpochError and writes nothing.
   */
  applyChange(change: CharacterChangeSet, fence?: EpochFence): Promise<ChangeOutcome>;
}
