import type { Belongings, EquipSlot, LootWindow } from '@aether/shared/protocol';
import { plainLine } from '@aether/shared/protocol';
import { formatTable } from './table.js';

/** Worn equipment in the order a character sheet reads, top to bottom after the weapon. */
const SLOT_ORDER: readonly EquipSlot[] = ['weapon', 'head', 'body', 'hands', 'feet'];

/**
 * `/inventory` as tables: the purse, what is worn, what is in the bags. Built
 * from the belongings in the last state_update (the server sends them whole
 * after every change), so they are as fresh as the server's own answer and
 * line up without parsing prose.
 */
export function formatInventory(belongings: Belongings): string[] {
  const lines = [`Coins: ${belongings.coins}`];
  const worn = [...belongings.equipment].sort((a, b) => SLOT_ORDER.indexOf(a.slot) - SLOT_ORDER.indexOf(b.slot));
  if (worn.length === 0) lines.push('Equipped: nothing.');
  else {
    lines.push('Equipped:');
    lines.push(
      ...formatTable(
        [{ header: 'Slot' }, { header: 'Item' }, { header: 'Details', max: 60 }],
        worn.map((stack) => [stack.slot, stack.name, stack.detail]),
      ),
    );
  }
  const bags = [...belongings.bags].sort((a, b) => a.slot - b.slot);
  const used = `${bags.length} of ${belongings.bagSlots} slots used`;
  if (bags.length === 0) lines.push(`Bags: empty (${belongings.bagSlots} slots).`);
  else {
    lines.push(`Bags (${used}):`);
    lines.push(
      ...formatTable(
        [{ header: 'Slot', align: 'right' }, { header: 'Item' }, { header: 'Qty', align: 'right' }, { header: 'Details', max: 60 }],
        bags.map((stack) => [String(stack.slot), stack.name, String(stack.quantity), stack.detail]),
      ),
    );
  }
  return lines;
}

/** The loot window as one line: `Loot from Wild boar: Boar Pelt ×1, Boar Tusk ×2 (/loot to take)`. */
export function formatLoot(loot: LootWindow): string[] {
  if (loot.items.length === 0) return [];
  const items = loot.items.map((stack) => `${plainLine(stack.name)} ×${stack.quantity}`).join(', ');
  return [`Loot from ${plainLine(loot.from)}: ${items} (/loot to take)`];
}
