import type { Archetype } from '@aether/shared';
import type { ItemRecord } from '@aether/shared/db';
import type { Weapon } from '../combatant.js';
import { DEFAULT_ITEMS, FISTS, STARTER_WEAPONS } from './default-items.js';
import { itemFromRecord } from './item-record.js';
import type { InventoryEntry, ItemDefinition } from './item.js';

/** Every item definition the zone knows: in-memory defaults, overridden and extended by the database. */
export class ItemCatalog {
  private readonly byId: ReadonlyMap<string, ItemDefinition>;

  constructor(definitions: Iterable<ItemDefinition> = DEFAULT_ITEMS) {
    this.byId = new Map([...definitions].map((definition) => [definition.id, definition]));
  }

  /** Defaults plus the database's rows (a row wins over a default with its id). Bad rows are skipped and reported. */
  static fromRecords(rows: readonly ItemRecord[], onInvalid: (message: string) => void = () => {}): ItemCatalog {
    const merged = new Map(DEFAULT_ITEMS.map((definition) => [definition.id, definition]));
    for (const row of rows) {
      const parsed = itemFromRecord(row);
      if (parsed.ok) merged.set(parsed.item.id, parsed.item);
      else onInvalid(parsed.message);
    }
    return new ItemCatalog(merged.values());
  }

  get(id: string): ItemDefinition | undefined {
    return this.byId.get(id);
  }

  all(): ItemDefinition[] {
    return [...this.byId.values()];
  }

  /** The weapon in slot 0, else the archetype's starter weapon, else fists. */
  weaponFor(archetype: Archetype, inventory: readonly InventoryEntry[]): Weapon {
    const wielded = inventory.find((entry) => entry.slot === 0);
    const item = (wielded && this.get(wielded.itemId)) ?? this.get(STARTER_WEAPONS[archetype]);
    return item?.weapon ? { name: item.name, ...item.weapon } : FISTS;
  }

  /** Stored stacks with their names; stacks of items the catalog no longer has are dropped from view (the rows stay). */
  entries(records: readonly { slot: number; itemId: string; quantity: number }[]): InventoryEntry[] {
    return records.flatMap((record) => {
      const item = this.get(record.itemId);
      return item ? [{ slot: record.slot, itemId: record.itemId, name: item.name, quantity: record.quantity }] : [];
    });
  }
}
