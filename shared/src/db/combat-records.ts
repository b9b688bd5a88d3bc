// Plain records for combat content and character progress (docs/database.md).
import type { CharacterStats } from './records.js';

/** One row of `ability`; `target`, `effect` and `scalingStat` are validated by the zone when it loads them. */
export interface AbilityRecord {
  id: string;
  name: string;
  description: string;
  archetype: string | null;
  level: number;
  target: string;
  effect: string;
  power: number;
  scalingStat: string | null;
  scaling: number;
  duration: number;
  magnitude: number;
  range: number;
  castTime: number;
  cooldown: number;
  atbCost: number;
  staminaCost: number;
  manaCost: number;
}

export interface WeaponStats {
  delay: number;
  minDamage: number;
  maxDamage: number;
  range: number;
}

export interface ItemRecord {
  id: string;
  name: string;
  description: string;
  kind: string;
  maxStack: number;
  value: number;
  /** Null unless the item is a weapon. */
  weapon: WeaponStats | null;
}

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
