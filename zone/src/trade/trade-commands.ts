import type { ErrorCode } from '@aether/shared';
import { DEFAULT_COMBAT_RULES } from '../combat/combat-rules.js';
import { isFighter, withCombat, type Fighter } from '../combat/combatant.js';
import { ItemCatalog } from '../combat/items/item-catalog.js';
import type { ItemDefinition } from '../combat/items/item.js';
import { TradeActionEvent } from '../commands/events.js';
import { matchName } from '../commands/name-match.js';
import { defineCommand, type CommandDefinition, type CommandResult } from '../commands/registry.js';
import type { Effect } from '../world/effects.js';
import { withEntity } from '../world/queries.js';
import { gameEvent, type Entity, type World } from '../world/types.js';
import { buy, coins, sell, type TradeOutcome } from './trade-rules.js';
import { nearestVendor, VENDOR_RANGE, type Vendor } from './vendor.js';
import { itemDetail } from '../combat/items/belongings-view.js';

export interface TradeDeps {
  /** Item definitions (the database's over the defaults); defaults to the in-memory ones. */
  items?: ItemCatalog;
  /** Bag slots 1..bagSlots (combat rules). */
  bagSlots?: number;
}

/** The vendor commands, /wares, /buy and /sell (docs/gameplay.md, "Vendors"), for `defaultCommands(...)`. */
export function tradeCommands(deps: TradeDeps = {}): CommandDefinition[] {
  const items = deps.items ?? new ItemCatalog();
  const bagSlots = deps.bagSlots ?? DEFAULT_COMBAT_RULES.bagSlots;

  /** The vendor's list as the player sees it, in its order, with what each item is. */
  const waresOf = (vendor: Vendor) =>
    vendor.npc.definition.wares.flatMap((ware, order) => {
      const item = items.get(ware.itemId);
      return item ? [{ id: item.id, name: item.name, order, item, price: ware.price }] : [];
    });

  const wares = defineCommand({
    name: 'wares',
    category: 'Trade',
    summary: `List what the vendor near you (within ${VENDOR_RANGE} m) sells, and for how much.`,
    syntax: '',
    schema: TradeActionEvent,
    build: () => ({ type: 'trade', action: 'wares' }),
    run({ world, actor, now }) {
      const found = nearestVendor(world, actor);
      if (!found.ok) return refuse(actor, found.message, 'too_far');
      const list = waresOf(found.vendor);
      const purse = isFighter(actor) ? ` You have ${coins(actor.combat.coins)}.` : '';
      const lines = list.map(({ item, price }) => `  ${item.name} — ${coins(price)} · ${itemDetail(item)}`);
      const text = [`${found.vendor.name} sells:${purse}`, ...lines, 'Buy with /buy <item> [quantity]; sell from your bags with /sell <item> [quantity].'];
      return { outgoing: [say(actor, text.join('\n'), now())] };
    },
  });

  const buyCommand = defineCommand({
    name: 'buy',
    category: 'Trade',
    summary: 'Buy an item (1 to 99 of it) from the vendor near you, at the price on /wares.',
    syntax: '<item+> [quantity#]',
    schema: TradeActionEvent,
    build: ({ item, quantity }) => ({ type: 'trade', action: 'buy', item, quantity }),
    run({ world, actor, now }, event) {
      if (event.action !== 'buy') return { outgoing: [] };
      const trader = traderOf(actor);
      if (!trader.ok) return trader.refusal;
      const found = nearestVendor(world, actor);
      if (!found.ok) return refuse(actor, found.message, 'too_far');
      const { vendor } = found;
      const match = matchName({ name: event.item, where: `on ${vendor.name}'s list` }, waresOf(vendor));
      if (!match.ok) return refuse(actor, `${match.message} /wares lists what ${vendor.name} sells.`, 'not_found');
      const { item, price } = match.match;
      const outcome = buy(trader.fighter.combat, item, price, event.quantity, bagSlots);
      const line = `You buy ${event.quantity} × ${item.name} from ${vendor.name} for ${outcome.ok ? coins(outcome.total) : ''}.`;
      return settle(world, trader.fighter, outcome, line, now());
    },
  });

  const sellCommand = defineCommand({
    name: 'sell',
    category: 'Trade',
    summary: 'Sell an item from your bags (1 to 99 of it) to the vendor near you, for what it is worth.',
    syntax: '<item+> [quantity#]',
    schema: TradeActionEvent,
    build: ({ item, quantity }) => ({ type: 'trade', action: 'sell', item, quantity }),
    run({ world, actor, now }, event) {
      if (event.action !== 'sell') return { outgoing: [] };
      const trader = traderOf(actor);
      if (!trader.ok) return trader.refusal;
      const found = nearestVendor(world, actor);
      if (!found.ok) return refuse(actor, found.message, 'too_far');
      const { vendor } = found;
      const match = matchName({ name: event.item, where: 'in your bags' }, bagItems(trader.fighter, items, bagSlots));
      if (!match.ok) return refuse(actor, match.message, 'not_found');
      const { item } = match.match;
      const outcome = sell(trader.fighter.combat, item, event.quantity, bagSlots);
      const line = `You sell ${event.quantity} × ${item.name} to ${vendor.name} for ${outcome.ok ? coins(outcome.total) : ''}.`;
      return settle(world, trader.fighter, outcome, line, now());
    },
  });

  return [wares, buyCommand, sellCommand];
}

/** One candidate per item in the bags (slots 1..bagSlots), in slot order; worn things are not for sale. */
function bagItems(fighter: Fighter, items: ItemCatalog, bagSlots: number): Array<{ id: string; name: string; order: number; item: ItemDefinition }> {
  const seen = new Map<string, { id: string; name: string; order: number; item: ItemDefinition }>();
  for (const entry of fighter.combat.inventory) {
    if (entry.slot < 1 || entry.slot > bagSlots || seen.has(entry.itemId)) continue;
    const item = items.get(entry.itemId);
    if (item) seen.set(item.id, { id: item.id, name: item.name, order: entry.slot, item });
  }
  return [...seen.values()];
}

type Trader = { ok: true; fighter: Fighter } | { ok: false; refusal: CommandResult };

function traderOf(actor: Entity): Trader {
  if (!isFighter(actor) || !actor.player) return { ok: false, refusal: refuse(actor, 'Only players trade with vendors.', 'not_allowed') };
  if (actor.combat.state.dead) return { ok: false, refusal: refuse(actor, 'You are dead.', 'not_allowed') };
  return { ok: true, fighter: actor };
}

/**
 * The bags and the purse change together: one inventory effect per changed
 * slot and one coins effect, all from this tick, so the outbox writes them in
 * one change set (one transaction).
 */
function settle(world: World, fighter: Fighter, outcome: TradeOutcome, line: string, now: number): CommandResult {
  if (!outcome.ok) return refuse(fighter, outcome.message, outcome.code);
  const characterId = fighter.player!.characterId;
  const effects: Effect[] = outcome.changed.map((slot) => ({ kind: 'inventory', characterId, slot: slot.slot, itemId: slot.itemId, quantity: slot.quantity }));
  effects.push({ kind: 'coins', characterId, coins: outcome.coins });
  const next = withCombat(fighter, { inventory: outcome.inventory, coins: outcome.coins });
  return {
    world: withEntity(world, next),
    outgoing: [say(fighter, `${line} You have ${coins(outcome.coins)}.`, now)],
    effects,
  };
}

function say(actor: Entity, text: string, now: number): CommandResult['outgoing'][number] {
  return { to: actor.id, event: 'event', data: gameEvent(now, 'trade', text) };
}

function refuse(actor: Entity, message: string, code: ErrorCode): CommandResult {
  return { outgoing: [{ to: actor.id, event: 'error', data: { code, message } }] };
}
