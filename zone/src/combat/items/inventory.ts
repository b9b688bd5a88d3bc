import type { InventoryEntry, ItemDefinition } from './item.js';

export interface AddResult {
  inventory: InventoryEntry[];
  /** The slots that changed, with their new contents (to write through). */
  changed: InventoryEntry[];
  /** How many did not fit. */
  lost: number;
}

/**
 * Puts `quantity` of an item in the bags (slots 1..bagSlots): first onto
 * stacks of the same item with room, then into the lowest empty slots.
 */
export function addItem(inventory: readonly InventoryEntry[], item: ItemDefinition, quantity: number, bagSlots: number): AddResult {
  const bySlot = new Map(inventory.map((entry) => [entry.slot, entry]));
  const changed = new Map<number, InventoryEntry>();
  let left = quantity;
  for (const entry of [...bySlot.values()].sort((a, b) => a.slot - b.slot)) {
    if (left === 0) break;
    if (entry.slot === 0 || entry.itemId !== item.id || entry.quantity >= item.maxStack) continue;
    const moved = Math.min(left, item.maxStack - entry.quantity);
    const next = { ...entry, quantity: entry.quantity + moved };
    bySlot.set(entry.slot, next);
    changed.set(entry.slot, next);
    left -= moved;
  }
  for (let slot = 1; slot <= bagSlots && left > 0; slot++) {
    if (bySlot.has(slot)) continue;
    const moved = Math.min(left, item.maxStack);
    const next = { slot, itemId: item.id, name: item.name, quantity: moved };
    bySlot.set(slot, next);
    changed.set(slot, next);
    left -= moved;
  }
  return { inventory: [...bySlot.values()].sort((a, b) => a.slot - b.slot), changed: [...changed.values()], lost: left };
}
