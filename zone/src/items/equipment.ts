import type { EquipSlot, ErrorCode } from '@aether/shared';
import { resourcesOf, withCombat, withResources, type Fighter } from '../combat/combatant.js';
import { EQUIPMENT_SLOTS, gearBonuses, gearFor } from '../combat/items/gear.js';
import { addItem } from '../combat/items/inventory.js';
import type { InventoryEntry } from '../combat/items/item.js';
import type { ItemCatalog } from '../combat/items/item-catalog.js';

/**
 * The fighter with `inventory` in place of its own, and what that wears: its
 * weapon (slot 0, else the archetype's starter), its gear, and its max hp
 * moved by the change in the max hp bonus (hp is kept, but never above the new max).
 */
export function wearing(fighter: Fighter, inventory: InventoryEntry[], items: ItemCatalog): Fighter {
  const bonuses = gearBonuses(inventory, items);
  const before = fighter.combat.gear?.bonuses.maxHp ?? 0;
  const weapon = fighter.player ? items.weaponFor(fighter.player.archetype, inventory) : fighter.combat.weapon;
  const dressed = withCombat(fighter, { inventory, weapon, gear: gearFor(fighter.combat.stats, bonuses) });
  const delta = bonuses.maxHp - before;
  if (delta === 0) return dressed;
  const pools = resourcesOf(dressed);
  const maxHp = Math.max(1, pools.maxHp + delta);
  return withResources(dressed, { ...pools, maxHp, hp: Math.min(pools.hp, maxHp) });
}

/** The slots that differ between two inventories, with their new contents (quantity 0: emptied), to write through. */
export function changedSlots(before: readonly InventoryEntry[], after: readonly InventoryEntry[]): InventoryEntry[] {
  const old = new Map(before.map((entry) => [entry.slot, entry]));
  const changed: InventoryEntry[] = [];
  for (const entry of after) {
    const was = old.get(entry.slot);
    old.delete(entry.slot);
    if (!was || was.itemId !== entry.itemId || was.quantity !== entry.quantity) changed.push(entry);
  }
  for (const gone of old.values()) changed.push({ ...gone, quantity: 0 });
  return changed.sort((a, b) => a.slot - b.slot);
}

export type Dressing = { ok: true; inventory: InventoryEntry[]; text: string } | { ok: false; code: ErrorCode; message: string };

const bySlot = (a: InventoryEntry, b: InventoryEntry) => a.slot - b.slot;

/**
 * Moves one of the stack in bag slot `bagSlot` to its equipment slot; what was
 * worn there goes into the bags (the emptied slot, else the first with room).
 */
export function equip(inventory: readonly InventoryEntry[], bagSlot: number, items: ItemCatalog, bagSlots: number): Dressing {
  const stack = inventory.find((entry) => entry.slot === bagSlot);
  const item = stack && items.get(stack.itemId);
  if (!stack || !item) return { ok: false, code: 'not_found', message: 'That is not in your bags.' };
  if (!item.equipSlot) return { ok: false, code: 'invalid_command', message: `${item.name} is not something you can wear or wield.` };
  const target = EQUIPMENT_SLOTS[item.equipSlot];
  const worn = inventory.find((entry) => entry.slot === target);
  const left = stack.quantity - 1;
  let next = inventory.filter((entry) => entry.slot !== bagSlot && entry.slot !== target);
  if (left > 0) next.push({ ...stack, quantity: left });
  next.push({ slot: target, itemId: item.id, name: item.name, quantity: 1 });
  let text = `You ${item.equipSlot === 'weapon' ? 'wield' : 'put on'} ${item.name}.`;
  if (worn) {
    if (left === 0) next.push({ ...worn, slot: bagSlot });
    else {
      const wornItem = items.get(worn.itemId);
      const added = wornItem ? addItem(next, wornItem, worn.quantity, bagSlots) : undefined;
      if (!added || added.lost > 0) return { ok: false, code: 'bags_full', message: `Your bags are full: make room for ${worn.name} first.` };
      next = added.inventory;
    }
    text = `You ${item.equipSlot === 'weapon' ? 'wield' : 'put on'} ${item.name}; ${worn.name} goes into your bags.`;
  }
  return { ok: true, inventory: next.sort(bySlot), text };
}

/** Takes off what is worn in `slot` and puts it in the first bag slot with room; refused when the bags are full. */
export function unequip(inventory: readonly InventoryEntry[], slot: EquipSlot, items: ItemCatalog, bagSlots: number): Dressing {
  const worn = inventory.find((entry) => entry.slot === EQUIPMENT_SLOTS[slot]);
  const item = worn && items.get(worn.itemId);
  if (!worn || !item) {
    return { ok: false, code: 'not_found', message: slot === 'weapon' ? 'You wield nothing but your starting weapon.' : `You wear nothing on your ${slot}.` };
  }
  const added = addItem(
    inventory.filter((entry) => entry !== worn),
    item,
    worn.quantity,
    bagSlots,
  );
  if (added.lost > 0) return { ok: false, code: 'bags_full', message: `Your bags are full: make room for ${item.name} first.` };
  return { ok: true, inventory: added.inventory, text: `You ${slot === 'weapon' ? 'put away' : 'take off'} ${item.name}.` };
}
