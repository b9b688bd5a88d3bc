import type { ErrorCode } from '@aether/shared';
import { DEFAULT_COMBAT_RULES } from '../../combat/combat-rules.js';
import type { InventoryEffect } from '../../combat/combat-effects.js';
import { isFighter, type Fighter } from '../../combat/combatant.js';
import { ItemCatalog } from '../../combat/items/item-catalog.js';
import type { InventoryEntry, ItemDefinition } from '../../combat/items/item.js';
import { matchName } from '../../commands/name-match.js';
import type { CommandResult } from '../../commands/registry.js';
import { withEntity } from '../../world/queries.js';
import { gameEvent, type Entity, type World } from '../../world/types.js';
import { changedSlots } from '../equipment.js';

/** What the item commands need besides the command context: the item definitions and the bag size. */
export interface ItemDeps {
  items: ItemCatalog;
  bagSlots: number;
}

export function itemDeps(options: Partial<ItemDeps> = {}): ItemDeps {
  return { items: options.items ?? new ItemCatalog(), bagSlots: options.bagSlots ?? DEFAULT_COMBAT_RULES.bagSlots };
}

/** A player who carries things: only they have bags. */
export type Carrier = Fighter & { player: NonNullable<Entity['player']> };

export function isCarrier(entity: Entity): entity is Carrier {
  return isFighter(entity) && entity.player !== undefined;
}

export const CANNOT_CARRY = 'You carry nothing.';

export function refuse(actor: Entity, message: string, code: ErrorCode = 'invalid_command'): CommandResult {
  return { outgoing: [{ to: actor.id, event: 'error', data: { code, message } }] };
}

export function told(actor: Entity, text: string, now: number): CommandResult['outgoing'][number] {
  return { to: actor.id, event: 'event', data: gameEvent(now, 'item', text) };
}

export type Found = { ok: true; entry: InventoryEntry; item: ItemDefinition } | { ok: false; message: string };

/**
 * The stack a player names among `entries` (the bags, or what is worn): by
 * id, whole name, the start of its words or a part of it (name-match.ts),
 * the lowest slot first.
 */
export function findStack(entries: readonly InventoryEntry[], name: string, items: ItemCatalog, where: string): Found {
  const candidates = entries.flatMap((entry) => (items.get(entry.itemId) ? [{ id: entry.itemId, name: entry.name, order: entry.slot, entry }] : []));
  const found = matchName({ name, where }, candidates);
  if (!found.ok) return found;
  return { ok: true, entry: found.match.entry, item: items.get(found.match.entry.itemId)! };
}

/** The bag stacks (slots 1..bagSlots). */
export function bagsOf(actor: Carrier, bagSlots: number): InventoryEntry[] {
  return actor.combat.inventory.filter((entry) => entry.slot >= 1 && entry.slot <= bagSlots);
}

/**
 * The command's result once the actor's bags changed: the new actor in the
 * world, and one `inventory` effect per changed slot. A command's effects are
 * carried out in one pass, so they join one change set: a move between two
 * slots commits whole or not at all.
 */
export function changed(world: World, before: Carrier, after: Fighter, outgoing: CommandResult['outgoing']): CommandResult {
  const { characterId } = before.player;
  const effects: InventoryEffect[] = changedSlots(before.combat.inventory, after.combat.inventory).map((slot) => ({
    kind: 'inventory',
    characterId,
    slot: slot.slot,
    itemId: slot.itemId,
    quantity: slot.quantity,
  }));
  return { world: withEntity(world, after), outgoing, effects };
}
