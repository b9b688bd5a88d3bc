import type { Archetype, Belongings, ItemBonuses, ItemStack, LootWindow } from '@aether/shared';
import { STARTER_WEAPONS } from './default-items.js';
import type { Combatant } from '../combatant.js';
import type { ItemCatalog } from './item-catalog.js';
import type { ItemDefinition, LootPile } from './item.js';
import { equipSlotAt, EQUIP_ORDER } from './gear.js';

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const BONUS_NAMES: Readonly<Record<keyof ItemBonuses, string>> = {
  strength: 'strength',
  agility: 'agility',
  intellect: 'intellect',
  speed: 'speed',
  maxHp: 'max hp',
};

/** "+1 strength · +10 max hp": the bonuses an item gives, nothing for none. */
function bonusParts(bonuses: Readonly<ItemBonuses>): string[] {
  return (Object.keys(BONUS_NAMES) as (keyof ItemBonuses)[]).flatMap((key) =>
    bonuses[key] === 0 ? [] : [`${bonuses[key] > 0 ? '+' : ''}${bonuses[key]} ${BONUS_NAMES[key]}`],
  );
}

/**
 * The short line a client shows for an item as is: "Body · +10 max hp",
 * "Weapon · 2.2 s · 7–12 damage · +1 strength", "Consumable · heals 40 · 30 s
 * cooldown", "Material · sells for 6".
 */
export function itemDetail(item: ItemDefinition): string {
  if (item.equipSlot) {
    const weapon = item.weapon ? [`${item.weapon.delay} s`, `${item.weapon.minDamage}–${item.weapon.maxDamage} damage`] : [];
    return [capital(item.equipSlot), ...weapon, ...bonusParts(item.bonuses)].join(' · ');
  }
  if (item.heal > 0) return [capital(item.kind), `heals ${item.heal}`, ...(item.useCooldown > 0 ? [`${item.useCooldown} s cooldown`] : [])].join(' · ');
  return `${capital(item.kind)} · sells for ${item.value}`;
}

/** A stack as the protocol shows it; undefined for an item the catalog does not know. */
export function itemStack(items: Pick<ItemCatalog, 'get'>, itemId: string, quantity: number): ItemStack | undefined {
  const item = items.get(itemId);
  return item ? { itemId, name: item.name, quantity, kind: item.kind, detail: itemDetail(item) } : undefined;
}

/**
 * `state_update.belongings`: the purse, the bags by slot and the worn
 * equipment in sheet order. With nothing in the weapon slot, a player's
 * archetype fights with its starting weapon (ItemCatalog.weaponFor): it is
 * shown there, marked, so the sheet says what the character fights with.
 */
export function belongingsView(
  combat: Pick<Combatant, 'inventory' | 'coins'>,
  items: Pick<ItemCatalog, 'get'>,
  bagSlots: number,
  archetype?: Archetype,
): Belongings {
  const bags: Belongings['bags'] = [];
  const equipment: Belongings['equipment'] = [];
  for (const entry of combat.inventory) {
    const stack = itemStack(items, entry.itemId, entry.quantity);
    if (!stack) continue;
    const worn = equipSlotAt(entry.slot);
    if (worn) equipment.push({ ...stack, slot: worn });
    else if (entry.slot >= 1 && entry.slot <= bagSlots) bags.push({ ...stack, slot: entry.slot });
  }
  const starter = archetype && !equipment.some((stack) => stack.slot === 'weapon') ? itemStack(items, STARTER_WEAPONS[archetype], 1) : undefined;
  if (starter) equipment.push({ ...starter, slot: 'weapon', detail: `${starter.detail} · starting weapon` });
  equipment.sort((a, b) => EQUIP_ORDER.indexOf(a.slot) - EQUIP_ORDER.indexOf(b.slot));
  bags.sort((a, b) => a.slot - b.slot);
  return { coins: combat.coins, bagSlots, bags, equipment };
}

/** `state_update.loot`: the window with its seconds left as of `now` (clients count down). */
export function lootView(pile: LootPile, items: Pick<ItemCatalog, 'get'>, now: number): LootWindow {
  return {
    from: pile.from,
    items: pile.items.flatMap((drop) => itemStack(items, drop.itemId, drop.quantity) ?? []),
    expiresIn: Math.max(0, Math.round((pile.expiresAt - now) * 10) / 10),
  };
}
