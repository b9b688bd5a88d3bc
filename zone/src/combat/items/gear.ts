import type { EquipSlot, ItemBonuses } from '@aether/shared';
import type { CombatStats, Gear } from '../combatant.js';
import type { InventoryEntry } from './item.js';
import type { ItemCatalog } from './item-catalog.js';

/**
 * Where worn equipment is kept: reserved slot numbers in the same inventory
 * rows as the bags (1..bagSlots), so equipping is moving a stack between two
 * slots, written in one change set. Slot 0 was the wielded weapon before there
 * was other equipment, and stays so.
 */
export const EQUIPMENT_SLOTS: Readonly<Record<EquipSlot, number>> = { weapon: 0, head: 1001, body: 1002, hands: 1003, feet: 1004 };

/** The equipment slots in the order a character sheet lists them. */
export const EQUIP_ORDER: readonly EquipSlot[] = ['weapon', 'head', 'body', 'hands', 'feet'];

/** The equipment slot an inventory slot number is, if it is one. */
export function equipSlotAt(slot: number): EquipSlot | undefined {
  return EQUIP_ORDER.find((name) => EQUIPMENT_SLOTS[name] === slot);
}

const NO_BONUSES: Readonly<ItemBonuses> = { strength: 0, agility: 0, intellect: 0, speed: 0, maxHp: 0 };

/** What everything worn adds up to. */
export function gearBonuses(inventory: readonly InventoryEntry[], items: Pick<ItemCatalog, 'get'>): ItemBonuses {
  const total = { ...NO_BONUSES };
  for (const entry of inventory) {
    if (equipSlotAt(entry.slot) === undefined) continue;
    const bonuses = items.get(entry.itemId)?.bonuses;
    if (!bonuses) continue;
    for (const key of Object.keys(total) as (keyof ItemBonuses)[]) total[key] += bonuses[key];
  }
  return total;
}

/** The gear a fighter with `stats` wears with `bonuses`; undefined when it adds nothing (the stored stats are the fighting ones). */
export function gearFor(stats: CombatStats, bonuses: Readonly<ItemBonuses>): Gear | undefined {
  if (Object.values(bonuses).every((value) => value === 0)) return undefined;
  return {
    bonuses,
    stats: {
      strength: stats.strength + bonuses.strength,
      agility: stats.agility + bonuses.agility,
      intellect: stats.intellect + bonuses.intellect,
      speed: stats.speed + bonuses.speed,
    },
  };
}
