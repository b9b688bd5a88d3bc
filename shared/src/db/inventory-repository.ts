import type { InventoryRecord } from './combat-records.js';

export interface InventoryRepository {
  /** A character's stacks, sorted by slot. */
  listInventory(characterId: string): Promise<InventoryRecord[]>;
  /**
   * Makes `slot` hold `quantity` of `itemId`, replacing whatever was there;
   * a quantity of 0 empties it. Throws NotFoundError for an unknown character or item.
   */
  setSlot(characterId: string, slot: number, itemId: string, quantity: number): Promise<void>;
}
