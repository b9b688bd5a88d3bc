import type { ErrorCode } from '@aether/shared';
import { addItem, countItem, removeItem } from '../combat/items/inventory.js';
import type { InventoryEntry, ItemDefinition } from '../combat/items/item.js';

/** What a trade changes: the bags and the purse. */
export interface Purse {
  readonly inventory: readonly InventoryEntry[];
  readonly coins: number;
}

export type TradeOutcome =
  | {
      ok: true;
      inventory: InventoryEntry[];
      coins: number;
      /** Bag slots that changed, with their new contents (quantity 0: emptied), to write through. */
      changed: InventoryEntry[];
      /** Coins paid (buy) or received (sell). */
      total: number;
    }
  | { ok: false; code: ErrorCode; message: string };

/** `quantity` × item at `price` each: refused unless the purse covers it all and all of it fits in the bags. */
export function buy(purse: Purse, item: ItemDefinition, price: number, quantity: number, bagSlots: number): TradeOutcome {
  const total = price * quantity;
  if (total > purse.coins) {
    return { ok: false, code: 'not_enough_coins', message: `${quantity} × ${item.name} costs ${coins(total)}; you have ${coins(purse.coins)}.` };
  }
  const added = addItem(purse.inventory, item, quantity, bagSlots);
  if (added.lost > 0) return { ok: false, code: 'bags_full', message: `Your bags have no room for ${quantity} × ${item.name}.` };
  return { ok: true, inventory: added.inventory, coins: purse.coins - total, changed: added.changed, total };
}

/** `quantity` × item from the bags (never what is worn) for the item's value each; worthless items are not bought. */
export function sell(purse: Purse, item: ItemDefinition, quantity: number, bagSlots: number): TradeOutcome {
  if (item.value <= 0) return { ok: false, code: 'not_allowed', message: `${item.name} is worth nothing to a vendor.` };
  const held = countItem(purse.inventory, item.id, bagSlots);
  if (held === 0) return { ok: false, code: 'not_found', message: `You have no ${item.name} in your bags.` };
  if (held < quantity) return { ok: false, code: 'invalid_command', message: `You have only ${held} × ${item.name} in your bags.` };
  const removed = removeItem(purse.inventory, item.id, quantity, bagSlots);
  const total = item.value * quantity;
  return { ok: true, inventory: removed.inventory, coins: purse.coins + total, changed: removed.changed, total };
}

/** "1 coin", "12 coins". */
export function coins(amount: number): string {
  return `${amount} coin${amount === 1 ? '' : 's'}`;
}
