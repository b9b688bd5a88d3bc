import { withCombat, withState } from '../../combat/combatant.js';
import { isDue } from '../../combat/timing.js';
import { matchName } from '../../commands/name-match.js';
import { defineCommand } from '../../commands/registry.js';
import { ItemActionEvent } from '../../commands/events.js';
import { takeLoot } from '../../combat/items/loot-window.js';
import { CANNOT_CARRY, changed, isCarrier, refuse, told, type ItemDeps } from './item-command-kit.js';

/** /loot [item]: takes what a kill left (everything that fits, or one kind); what does not fit stays in the window. */
export function lootCommand({ items, bagSlots }: ItemDeps) {
  return defineCommand({
    name: 'loot',
    aliases: ['take'],
    category: 'Items',
    summary: 'Take the loot your last kills left you: all that fits in your bags, or only the item you name.',
    syntax: '[item+]',
    schema: ItemActionEvent,
    build: ({ item }) => ({ type: 'item_action', action: 'loot', item }),
    run({ world, actor, now }, event) {
      if (event.action !== 'loot') return { outgoing: [] };
      if (!isCarrier(actor)) return refuse(actor, CANNOT_CARRY);
      if (actor.combat.state.dead) return refuse(actor, 'You are dead.', 'not_allowed');
      const pile = actor.combat.state.loot;
      if (!pile || isDue(world.time, pile.expiresAt)) return refuse(actor, 'There is nothing to loot.', 'not_found');
      let itemId: string | undefined;
      if (event.item) {
        const candidates = pile.items.flatMap((drop, order) => {
          const item = items.get(drop.itemId);
          return item ? [{ id: item.id, name: item.name, order }] : [];
        });
        const found = matchName({ name: event.item, where: 'in the loot' }, candidates);
        if (!found.ok) return refuse(actor, found.message, 'not_found');
        itemId = found.match.id;
      }
      const result = takeLoot(actor.combat.inventory, pile, items, bagSlots, itemId);
      const next = withState(withCombat(actor, { inventory: result.inventory }), { loot: result.left });
      const lines: string[] = [];
      if (result.taken.length > 0) {
        lines.push(`You loot ${result.taken.map((drop) => `${drop.quantity} × ${items.get(drop.itemId)!.name}`).join(', ')} from ${pile.from}.`);
      }
      if (result.full) lines.push('Your bags are full: the rest stays in the loot until you make room (or it is gone).');
      return changed(
        world,
        actor,
        next,
        lines.map((line) => told(actor, line, now())),
      );
    },
  });
}
