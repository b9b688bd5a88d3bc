import { ItemCatalog } from '../combat/items/item-catalog.js';
import type { InventoryEntry } from '../combat/items/item.js';
import { buy, sell } from './trade-rules.js';

const items = new ItemCatalog();
const item = (id: string) => items.get(id)!;
const stack = (slot: number, itemId: string, quantity: number): InventoryEntry => ({ slot, itemId, name: item(itemId).name, quantity });
const BAGS = 3;

describe('buying from a vendor', () => {
  it.each([
    { case: 'one into an empty bag', coins: 10, inventory: [], id: 'rope', price: 2, quantity: 1, left: 8, slots: [[1, 'rope', 1]] },
    {
      case: 'onto a stack with room',
      coins: 20,
      inventory: [stack(2, 'healing-draught', 3)],
      id: 'healing-draught',
      price: 8,
      quantity: 2,
      left: 4,
      slots: [[2, 'healing-draught', 5]],
    },
    {
      case: 'exactly what the purse holds',
      coins: 24,
      inventory: [],
      id: 'healing-draught',
      price: 8,
      quantity: 3,
      left: 0,
      slots: [[1, 'healing-draught', 3]],
    },
  ])('$case', ({ coins, inventory, id, price, quantity, left, slots }) => {
    const outcome = buy({ coins, inventory }, item(id), price, quantity, BAGS);
    expect(outcome).toMatchObject({ ok: true, coins: left, total: price * quantity });
    if (!outcome.ok) return;
    expect(outcome.changed.map((s) => [s.slot, s.itemId, s.quantity])).toEqual(slots);
  });

  it.each([
    {
      case: 'more than the purse holds',
      coins: 23,
      inventory: [],
      id: 'healing-draught',
      quantity: 3,
      code: 'not_enough_coins',
      message: /costs 24 coins; you have 23 coins/,
    },
    {
      case: 'more than the bags hold (nothing is bought)',
      coins: 100,
      inventory: [stack(1, 'rope', 1), stack(2, 'wolf-pelt', 1), stack(3, 'boar-tusk', 1)],
      id: 'leather-cap',
      quantity: 1,
      code: 'bags_full',
      message: /no room/,
    },
  ])('refuses $case', ({ coins, inventory, id, quantity, code, message }) => {
    const outcome = buy({ coins, inventory }, item(id), 8, quantity, BAGS);
    expect(outcome).toMatchObject({ ok: false, code, message: expect.stringMatching(message) });
  });
});

describe('selling to a vendor', () => {
  it('pays the item’s value each and empties what it takes', () => {
    const outcome = sell({ coins: 5, inventory: [stack(1, 'wolf-pelt', 2), stack(4, 'wolf-pelt', 1)] }, item('wolf-pelt'), 2, 5);
    const value = item('wolf-pelt').value;
    expect(outcome).toMatchObject({ ok: true, coins: 5 + 2 * value, total: 2 * value });
    if (!outcome.ok) return;
    expect(outcome.inventory.map((s) => [s.slot, s.quantity])).toEqual([[1, 1]]);
    expect(outcome.changed.map((s) => [s.slot, s.quantity])).toEqual([
      [4, 0],
      [1, 1],
    ]);
  });

  it.each([
    { case: 'what the bags do not hold', inventory: [], id: 'wolf-pelt', quantity: 1, code: 'not_found' },
    { case: 'more than the bags hold', inventory: [stack(1, 'wolf-pelt', 1)], id: 'wolf-pelt', quantity: 2, code: 'invalid_command' },
    { case: 'the wielded weapon (slot 0 is not in the bags)', inventory: [stack(0, 'iron-sword', 1)], id: 'iron-sword', quantity: 1, code: 'not_found' },
    { case: 'equipment beyond the bag slots', inventory: [stack(BAGS + 1, 'tusker-boots', 1)], id: 'tusker-boots', quantity: 1, code: 'not_found' },
  ])('refuses $case', ({ inventory, id, quantity, code }) => {
    expect(sell({ coins: 0, inventory }, item(id), quantity, BAGS)).toMatchObject({ ok: false, code });
  });

  it('refuses what is worth nothing', () => {
    const worthless = { ...item('rope'), value: 0 };
    expect(sell({ coins: 0, inventory: [stack(1, 'rope', 1)] }, worthless, 1, BAGS)).toMatchObject({ ok: false, code: 'not_allowed' });
  });
});
