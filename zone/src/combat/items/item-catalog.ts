import type { Archetype } from '@aether/shared';
import type { ItemRecord } from '@aether/shared/db';
import type { Weapon } from '../combatant.js';
import { DEFAULT_ITEMS, FISTS, STARTER_WEAPONS } from './default-items.js';
import type { InventoryEntry, ItemDefinition } from './item.js';

/** Every item definition the zone knows: in-memory defaults, overridden and extended by the database. */
export class ItemCatalog {
  private readonly byId: ReadonlyMap<string, ItemDefinition>;

  constructor(definitions: Iterable<ItemDefinition> = DEFAULT_ITEMS) {
    this.byId = new Map([...definitions].map((definition) => [definition.id, definition]));
  }

  static fromRecords(rows: readonly ItemRecord[]): ItemCatalog {
    const merged = new Map(DEFAULT_ITEMS.map((definition) => [definition.id, definition]));
    for (const row of rows) merged.set(row.id, { ...row, maxStack: Math.max(1, row.maxStack), weapon: row.weapon ?? undefined });
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
