import type { InventoryRecord } from './combat-records.js';

export interface InventoryRepository {
  /** A character's stacks, sorted by slot. */
  listInventory(characterId: string): Promise<InventoryRecord[]>;
}
