// Plain records for combat content and character progress (docs/database.md).
import type { CharacterStats } from './records.js';

export type { AbilityRecord, ItemBonuses, ItemRecord, WeaponStats } from '../game/content-records.js';

export interface InventoryRecord {
  itemId: string;
  quantity: number;
  slot: number;
}

/** What a level-up or a kill changes on a character; written through at once. */
export interface ProgressSave {
  level: number;
  xp: number;
  stats: CharacterStats;
  maxHp: number;
  maxStamina: number;
  maxMana: number;
}
