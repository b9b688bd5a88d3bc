import { EquipSlot } from '@aether/shared';
import { defineCommand } from '../../commands/registry.js';
import { equipSlotAt } from '../../combat/items/gear.js';
import { equip, unequip, wearing } from '../equipment.js';
import { ItemActionEvent } from '../../commands/events.js';
import { bagsOf, CANNOT_CARRY, changed, findStack, isCarrier, refuse, told, type ItemDeps } from './item-command-kit.js';

/** /equip <item>: wear or wield a stack from the bags; what was in its slot goes into the bags. */
export function equipCommand({ items, bagSlots }: ItemDeps) {
  return defineCommand({
    name: 'equip',
    aliases: ['wear', 'wield'],
    category: 'Items',
    summary: 'Wear or wield an item from your bags; what you had on in its slot goes into your bags.',
    syntax: '<item+>',
    schema: ItemActionEvent,
    build: ({ item }) => ({ type: 'item_action', action: 'equip', item }),
    run({ world, actor, now }, event) {
      if (event.action !== 'equip') return { outgoing: [] };
      if (!isCarrier(actor)) return refuse(actor, CANNOT_CARRY);
      if (actor.combat.state.dead) return refuse(actor, 'You are dead.', 'not_allowed');
      const found = findStack(bagsOf(actor, bagSlots), event.item, items, 'in your bags');
      if (!found.ok) return refuse(actor, found.message, 'not_found');
      const dressed = equip(actor.combat.inventory, found.entry.slot, items, bagSlots);
      if (!dressed.ok) return refuse(actor, dressed.message, dressed.code);
      return changed(world, actor, wearing(actor, dressed.inventory, items), [told(actor, dressed.text, now())]);
    },
  });
}

/** /unequip <slot or item>: take something off into the bags. */
export function unequipCommand({ items, bagSlots }: ItemDeps) {
  return defineCommand({
    name: 'unequip',
    category: 'Items',
    summary: 'Take off what you wear in a slot (weapon, head, body, hands, feet) or the item you name, into your bags.',
    syntax: '<item+>',
    usage: ['/unequip <slot>', '/unequip <item>'],
    schema: ItemActionEvent,
    build: ({ item }) => ({ type: 'item_action', action: 'unequip', item }),
    run({ world, actor, now }, event) {
      if (event.action !== 'unequip') return { outgoing: [] };
      if (!isCarrier(actor)) return refuse(actor, CANNOT_CARRY);
      if (actor.combat.state.dead) return refuse(actor, 'You are dead.', 'not_allowed');
      const named = EquipSlot.safeParse(event.item.trim().toLowerCase());
      let slot = named.success ? named.data : undefined;
      if (!slot) {
        const worn = actor.combat.inventory.filter((entry) => equipSlotAt(entry.slot) !== undefined);
        const found = findStack(worn, event.item, items, 'on you');
        if (!found.ok) return refuse(actor, found.message, 'not_found');
        slot = equipSlotAt(found.entry.slot)!;
      }
      const undressed = unequip(actor.combat.inventory, slot, items, bagSlots);
      if (!undressed.ok) return refuse(actor, undressed.message, undressed.code);
      const next = wearing(actor, undressed.inventory, items);
      const fallback = slot === 'weapon' ? ` You fight with your ${next.combat.weapon.name} again.` : '';
      return changed(world, actor, next, [told(actor, `${undressed.text}${fallback}`, now())]);
    },
  });
}
