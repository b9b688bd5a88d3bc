import { defineCommand } from '../../commands/registry.js';
import { isDue } from '../../combat/timing.js';
import { belongingsView, itemStack } from '../../combat/items/belongings-view.js';
import { ItemActionEvent } from '../../commands/events.js';
import { CANNOT_CARRY, isCarrier, refuse, told, type ItemDeps } from './item-command-kit.js';

/** /inventory: coins, what is worn, the bags slot by slot, and any loot waiting. */
export function inventoryCommand({ items, bagSlots }: ItemDeps) {
  return defineCommand({
    name: 'inventory',
    aliases: ['i', 'inv', 'bags'],
    category: 'Items',
    summary: 'List your coins, what you wear and wield, what is in your bags, and any loot waiting.',
    syntax: '',
    schema: ItemActionEvent,
    build: () => ({ type: 'item_action', action: 'inventory' }),
    run({ world, actor, now }, event) {
      if (event.action !== 'inventory') return { outgoing: [] };
      if (!isCarrier(actor)) return refuse(actor, CANNOT_CARRY);
      const view = belongingsView(actor.combat, items, bagSlots);
      const lines = [`Coins: ${view.coins}`];
      lines.push(`Wielding: ${actor.combat.weapon.name}${view.equipment.some((stack) => stack.slot === 'weapon') ? '' : ' (your starting weapon)'}`);
      for (const worn of view.equipment) lines.push(`  ${worn.slot}: ${worn.name} (${worn.detail})`);
      lines.push(`Bags (${view.bags.length}/${view.bagSlots} slots used):`);
      if (view.bags.length === 0) lines.push('  empty');
      for (const stack of view.bags) lines.push(`  [${stack.slot}] ${stack.quantity} × ${stack.name} (${stack.detail})`);
      const pile = actor.combat.state.loot;
      if (pile && !isDue(world.time, pile.expiresAt)) {
        const waiting = pile.items.flatMap((drop) => itemStack(items, drop.itemId, drop.quantity) ?? []);
        lines.push(
          `Loot from ${pile.from} (${Math.ceil(pile.expiresAt - world.time)} s left, /loot): ${waiting.map((s) => `${s.quantity} × ${s.name}`).join(', ')}`,
        );
      }
      return { outgoing: [told(actor, lines.join('\n'), now())] };
    },
  });
}
