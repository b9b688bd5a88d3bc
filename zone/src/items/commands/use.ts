import { defineCommand } from '../../commands/registry.js';
import { resourcesOf, withResources, withState } from '../../combat/combatant.js';
import { removeItem } from '../../combat/items/inventory.js';
import { isDue } from '../../combat/timing.js';
import { ItemActionEvent } from '../../commands/events.js';
import { bagsOf, CANNOT_CARRY, changed, findStack, isCarrier, refuse, told, type ItemDeps } from './item-command-kit.js';

/** The cooldown key of a consumable in `combat.state.cooldowns`, beside the abilities' (so it travels with the combat snapshot). */
const itemCooldownKey = (itemId: string) => `item:${itemId}`;

/** /use <item>: a consumable from the bags; one is spent, its heal applied (never past max hp) and its cooldown started. */
export function useCommand({ items, bagSlots }: ItemDeps) {
  return defineCommand({
    name: 'use',
    aliases: ['drink', 'eat'],
    category: 'Items',
    summary: 'Use a consumable from your bags, e.g. /use healing draught (then it cools down).',
    syntax: '<item+>',
    schema: ItemActionEvent,
    build: ({ item }) => ({ type: 'item_action', action: 'use', item }),
    run({ world, actor, now }, event) {
      if (event.action !== 'use') return { outgoing: [] };
      if (!isCarrier(actor)) return refuse(actor, CANNOT_CARRY);
      if (actor.combat.state.dead) return refuse(actor, 'You are dead.', 'not_allowed');
      const found = findStack(bagsOf(actor, bagSlots), event.item, items, 'in your bags');
      if (!found.ok) return refuse(actor, found.message, 'not_found');
      const { item } = found;
      if (item.heal <= 0) {
        return refuse(actor, item.equipSlot ? `${item.name} is worn, not used: /equip ${item.name}.` : `${item.name} cannot be used.`);
      }
      const key = itemCooldownKey(item.id);
      const readyAt = actor.combat.state.cooldowns[key] ?? -Infinity;
      if (!isDue(world.time, readyAt)) {
        return refuse(actor, `${item.name} is not ready yet: ${Math.ceil(readyAt - world.time)} s left.`, 'cooldown');
      }
      const pools = resourcesOf(actor);
      if (pools.hp >= pools.maxHp) return refuse(actor, 'You are already at full health.', 'not_allowed');
      const spent = removeItem(actor.combat.inventory, item.id, 1, bagSlots);
      const healed = Math.min(item.heal, pools.maxHp - pools.hp);
      const cooled = item.useCooldown > 0 ? { cooldowns: { ...actor.combat.state.cooldowns, [key]: world.time + item.useCooldown } } : {};
      const next = withState(withResources({ ...actor, combat: { ...actor.combat, inventory: spent.inventory } }, { ...pools, hp: pools.hp + healed }), cooled);
      return changed(world, actor, next, [told(actor, `You use ${item.name} and recover ${healed} hp.`, now())]);
    },
  });
}
