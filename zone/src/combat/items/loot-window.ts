import type { LootWindowSave } from '@aether/shared/db';
import { withState, type Fighter } from '../combatant.js';
import type { CombatTick } from '../combat-tick.js';
import { addItem } from './inventory.js';
import type { ItemCatalog } from './item-catalog.js';
import type { InventoryEntry, ItemAmount, LootEntry, LootPile } from './item.js';
import { isDue } from '../timing.js';

/** Seconds a kill's loot waits for its taker (docs/gameplay.md, "Items"). */
export const LOOT_WINDOW_SECONDS = 60;

/** Most kinds of item one window holds; a merge past it keeps the newest. */
const MAX_KINDS = 32;

/** Rolls each row of a loot table once: `chance` of `minQuantity`..`maxQuantity` (the quantity drawn only when it can vary). */
export function rollLoot(table: readonly LootEntry[], random: () => number): ItemAmount[] {
  const drops: ItemAmount[] = [];
  for (const entry of table) {
    if (random() >= entry.chance) continue;
    const low = Math.min(entry.minQuantity, entry.maxQuantity);
    const high = Math.max(entry.minQuantity, entry.maxQuantity);
    const quantity = high > low ? low + Math.floor(random() * (high - low + 1)) : low;
    if (quantity > 0) drops.push({ itemId: entry.itemId, quantity });
  }
  return drops;
}

/** Adds amounts of items together, by item, keeping first-seen order. */
function merged(...lists: ReadonlyArray<readonly ItemAmount[]>): ItemAmount[] {
  const total = new Map<string, number>();
  for (const list of lists) for (const drop of list) total.set(drop.itemId, (total.get(drop.itemId) ?? 0) + drop.quantity);
  return [...total].map(([itemId, quantity]) => ({ itemId, quantity })).slice(-MAX_KINDS);
}

/**
 * The window after a kill left `drops` from `from`: added to what is still
 * waiting (a window that ran out is replaced), open for another
 * LOOT_WINDOW_SECONDS from `now`.
 */
export function addLoot(current: LootPile | undefined, from: string, drops: readonly ItemAmount[], now: number): LootPile {
  const waiting = current && !isDue(now, current.expiresAt) ? current.items : [];
  return { from, items: merged(waiting, drops), expiresAt: now + LOOT_WINDOW_SECONDS };
}

/**
 * Offers a kill's drops to a player here: they wait in the player's loot
 * window (`state_update.loot`) for /loot. Drops of items the catalog does not
 * know are left out.
 */
export function offerLoot(tick: CombatTick, recipientId: string, from: string, drops: readonly ItemAmount[]): void {
  const recipient = tick.fighter(recipientId);
  const known = drops.filter((drop) => tick.deps.items.get(drop.itemId));
  if (!recipient?.player || known.length === 0) return;
  const pile = addLoot(recipient.combat.state.loot, from, known, tick.now);
  tick.put(withState(recipient, { loot: pile }));
  const listed = known.map((drop) => `${drop.quantity} × ${tick.deps.items.get(drop.itemId)!.name}`).join(', ');
  tick.tell(recipient, 'item', `${capitalised(from)} leaves loot: ${listed}. Type /loot to take it (it waits ${LOOT_WINDOW_SECONDS} s).`);
}

/** A window that ran out closes, with a word to its owner; nothing happens while none is open. */
export function expireLoot(tick: CombatTick, fighter: Fighter): Fighter {
  const { loot } = fighter.combat.state;
  if (!loot || !isDue(tick.now, loot.expiresAt)) return fighter;
  const closed = withState(fighter, { loot: undefined });
  tick.put(closed);
  tick.tell(closed, 'item', `The loot from ${loot.from} is gone.`);
  return closed;
}

export interface Taken {
  inventory: InventoryEntry[];
  /** What went into the bags. */
  taken: ItemAmount[];
  /** What stays in the window (undefined: nothing, the window closes). */
  left: LootPile | undefined;
  /** Something did not fit. */
  full: boolean;
}

/** Moves what fits of the window (one item when `itemId` is given) into the bags; the rest stays in the window. */
export function takeLoot(inventory: readonly InventoryEntry[], pile: LootPile, items: ItemCatalog, bagSlots: number, itemId?: string): Taken {
  let bags = [...inventory];
  const taken: ItemAmount[] = [];
  const left: ItemAmount[] = [];
  let full = false;
  for (const drop of pile.items) {
    const item = items.get(drop.itemId);
    if ((itemId !== undefined && drop.itemId !== itemId) || !item) {
      if (item) left.push(drop);
      continue;
    }
    const added = addItem(bags, item, drop.quantity, bagSlots);
    bags = added.inventory;
    if (added.lost < drop.quantity) taken.push({ itemId: drop.itemId, quantity: drop.quantity - added.lost });
    if (added.lost > 0) {
      full = true;
      left.push({ itemId: drop.itemId, quantity: added.lost });
    }
  }
  return { inventory: bags, taken, left: left.length > 0 ? { ...pile, items: left } : undefined, full };
}

/**
 * The window as stored (expiry in wall-clock ms) at world time `now`; none
 * when nothing was stored or it ran out meanwhile.
 */
export function restoreLoot(saved: LootWindowSave | null | undefined, now: number, wallClockMs: number): LootPile | undefined {
  if (!saved || saved.expiresAt <= wallClockMs) return undefined;
  return { from: saved.from, items: saved.items.map((drop) => ({ ...drop })), expiresAt: now + (saved.expiresAt - wallClockMs) / 1000 };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
