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
    // Only bag stacks take more: worn equipment (slot 0, 1001..) is not a bag slot.
    if (entry.slot < 1 || entry.slot > bagSlots || entry.itemId !== item.id || entry.quantity >= item.maxStack) continue;
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

export interface RemoveResult {
  inventory: InventoryEntry[];
  /** The slots that changed, with their new contents; an emptied slot has quantity 0 (to write through). */
  changed: InventoryEntry[];
  /** How many were taken (less than asked when the bags hold fewer). */
  removed: number;
}

/** How many of an item the bags (slots 1..bagSlots) hold; worn equipment does not count. */
export function countItem(inventory: readonly InventoryEntry[], itemId: string, bagSlots: number): number {
  let count = 0;
  for (const entry of inventory) if (entry.itemId === itemId && entry.slot >= 1 && entry.slot <= bagSlots) count += entry.quantity;
  return count;
}

/**
 * Takes up to `quantity` of an item out of the bags (slots 1..bagSlots),
 * smallest stacks first so partial stacks are used up before full ones;
 * worn equipment is never taken.
 */
export function removeItem(inventory: readonly InventoryEntry[], itemId: string, quantity: number, bagSlots: number): RemoveResult {
  const bySlot = new Map(inventory.map((entry) => [entry.slot, entry]));
  const stacks = inventory
    .filter((entry) => entry.itemId === itemId && entry.slot >= 1 && entry.slot <= bagSlots)
    .sort((a, b) => a.quantity - b.quantity || a.slot - b.slot);
  const changed: InventoryEntry[] = [];
  let left = quantity;
  for (const entry of stacks) {
    if (left === 0) break;
    const taken = Math.min(left, entry.quantity);
    const next = { ...entry, quantity: entry.quantity - taken };
    if (next.quantity === 0) bySlot.delete(entry.slot);
    else bySlot.set(entry.slot, next);
    changed.push(next);
    left -= taken;
  }
  return { inventory: [...bySlot.values()].sort((a, b) => a.slot - b.slot), changed, removed: quantity - left };
}
