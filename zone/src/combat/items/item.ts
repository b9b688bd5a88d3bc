import type { EquipSlot, ItemBonuses } from '@aether/shared';
import type { Weapon } from '../traits.js';

export interface ItemDefinition {
  /** Readable key, e.g. "wolf-pelt". */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** "weapon", "armor", "material" or "consumable". */
  readonly kind: string;
  readonly maxStack: number;
  /** What a vendor pays for one, in coins. */
  readonly value: number;
  /** Set for weapons: what an auto-attack with it does. */
  readonly weapon?: Omit<Weapon, 'name'> | undefined;
  /** Where it is worn; absent: it cannot be equipped. */
  readonly equipSlot?: EquipSlot | undefined;
  /** Added to the wearer's stats while equipped. */
  readonly bonuses: Readonly<ItemBonuses>;
  /** Consumables: hit points one use restores. */
  readonly heal: number;
  /** Consumables: seconds before another of the same item can be used. */
  readonly useCooldown: number;
}

/** One stack in a character's bags. Slot 0 is the wielded weapon; loot goes to slots 1 and up. */
export interface InventoryEntry {
  readonly slot: number;
  readonly itemId: string;
  readonly name: string;
  readonly quantity: number;
}

/** What a fighter may drop when killed: `minQuantity`..`maxQuantity` of the item with probability `chance` (a species' loot table row). */
export interface LootEntry {
  readonly itemId: string;
  readonly chance: number;
  readonly minQuantity: number;
  readonly maxQuantity: number;
}

/** Some of one item: a kill's drop, a stack in a loot window. */
export interface ItemAmount {
  readonly itemId: string;
  readonly quantity: number;
}

/**
 * A loot window (loot-window.ts): what kills left for a player
 * to take with /loot, until world time `expiresAt`.
 */
export interface LootPile {
  /** Whose body it came from (the latest kill's, when several merged). */
  readonly from: string;
  readonly items: readonly ItemAmount[];
  readonly expiresAt: number;
}
