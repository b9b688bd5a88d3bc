import type { ItemRecord } from './combat-records.js';

export interface ItemRepository {
  /** Every item definition, sorted by id. */
  listItems(): Promise<ItemRecord[]>;
}
