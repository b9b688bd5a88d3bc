import { removeItem, countItem } from '../../combat/items/inventory.js';
import { withCombat } from '../../combat/combatant.js';
import { defineCommand } from '../../commands/registry.js';
import { ItemActionEvent } from '../../commands/events.js';
import { bagsOf, CANNOT_CARRY, changed, findStack, isCarrier, refuse, told, type ItemDeps } from './item-command-kit.js';

/** /drop <item> [quantity]: destroys items from the bags (there are no items on the ground); one unless told how many. */
export function dropCommand({ items, bagSlots }: ItemDeps) {
  return defineCommand({
    name: 'drop',
    category: 'Items',
    summary: 'Throw away items from your bags (they are gone for good): one, or as many as you say.',
    syntax: '<item+> [quantity#]',
    schema: ItemActionEvent,
    build: ({ item, quantity }) => ({ type: 'item_action', action: 'drop', item, quantity }),
    run({ world, actor, now }, event) {
      if (event.action !== 'drop') return { outgoing: [] };
      if (!isCarrier(actor)) return refuse(actor, CANNOT_CARRY);
      const found = findStack(bagsOf(actor, bagSlots), event.item, items, 'in your bags');
      if (!found.ok) return refuse(actor, found.message, 'not_found');
      const { item } = found;
      const wanted = event.quantity ?? 1;
      const held = countItem(actor.combat.inventory, item.id, bagSlots);
      if (wanted > held) return refuse(actor, `You have only ${held} × ${item.name}.`, 'not_found');
      const left = removeItem(actor.combat.inventory, item.id, wanted, bagSlots);
      const next = withCombat(actor, { inventory: left.inventory });
      return changed(world, actor, next, [told(actor, `You drop ${wanted} × ${item.name}; it is gone.`, now())]);
    },
  });
}
