import type { CombatStats } from './combatant.js';
import type { ItemAmount } from './items/item.js';

/** Write-through of a character's progress (zone/src/server/effects/progress.ts carries these out). */
export interface ProgressEffect {
  kind: 'progress';
  characterId: string;
  level: number;
  xp: number;
  stats: CombatStats;
  maxHp: number;
  maxStamina: number;
  maxMana: number;
}

export interface AbilityLearnedEffect {
  kind: 'ability_learned';
  characterId: string;
  abilityId: string;
}

/** One bag slot's new contents; quantity 0 empties it. */
export interface InventoryEffect {
  kind: 'inventory';
  characterId: string;
  slot: number;
  itemId: string;
  quantity: number;
}

/** A character's purse after a trade, a reward or a loss; written in the same change set as the tick's slot changes. */
export interface CoinsEffect {
  kind: 'coins';
  characterId: string;
  coins: number;
}

/**
 * The loot window's new contents (null: closed), written in the same change
 * set as the tick's slot changes: taking loot moves it from the window to the
 * bags in one transaction. `expiresIn` is seconds from the tick.
 */
export interface LootWindowEffect {
  kind: 'loot_window';
  characterId: string;
  window: { from: string; items: ItemAmount[]; expiresIn: number } | null;
}

export type CombatEffect = ProgressEffect | AbilityLearnedEffect | InventoryEffect | CoinsEffect | LootWindowEffect;

// Registers this feature's effects with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../world/effects.js' {
  interface EffectMap {
    combat: CombatEffect;
  }
}
