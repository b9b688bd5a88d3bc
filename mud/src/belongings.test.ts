import type { Belongings, ItemStack } from '@aether/shared/protocol';
import { formatInventory, formatLoot } from './belongings.js';

const stack = (name: string, quantity: number, detail: string): ItemStack => ({
  itemId: name.toLowerCase().replace(/ /g, '-'),
  name,
  quantity,
  kind: 'misc',
  detail,
});

const belongings: Belongings = {
  coins: 25,
  bagSlots: 20,
  bags: [
    { ...stack('Boar Tusk', 2, 'Material · sells for 3'), slot: 3 },
    { ...stack('Minor Healing Potion', 12, 'Consumable · heals 30 · 10 s cooldown'), slot: 1 },
  ],
  equipment: [
    { ...stack('Tusker Boots', 1, 'Feet · +1 speed'), slot: 'feet' },
    { ...stack('Hunting Bow', 1, 'Weapon · 2.4 s · 5–9 damage'), slot: 'weapon' },
  ],
};

test('/inventory: purse, then equipment top to bottom, then bags by slot, in aligned columns', () => {
  expect(formatInventory(belongings)).toEqual([
    'Coins: 25',
    'Equipped:',
    '  Slot    Item          Details',
    '  ------  ------------  ---------------------------',
    '  weapon  Hunting Bow   Weapon · 2.4 s · 5–9 damage',
    '  feet    Tusker Boots  Feet · +1 speed',
    'Bags (2 of 20 slots used):',
    '  Slot  Item                  Qty  Details',
    '  ----  --------------------  ---  -------------------------------------',
    '     1  Minor Healing Potion   12  Consumable · heals 30 · 10 s cooldown',
    '     3  Boar Tusk               2  Material · sells for 3',
  ]);
});

test('an empty character says so instead of drawing empty tables', () => {
  expect(formatInventory({ coins: 0, bagSlots: 20, bags: [], equipment: [] })).toEqual(['Coins: 0', 'Equipped: nothing.', 'Bags: empty (20 slots).']);
});

test('wide item names keep the columns aligned', () => {
  const lines = formatInventory({
    coins: 1,
    bagSlots: 4,
    bags: [
      { ...stack('竜の牙', 1, 'Material'), slot: 1 },
      { ...stack('Fang', 10, 'Material'), slot: 2 },
    ],
    equipment: [],
  });
  expect(lines.slice(-2)).toEqual(['     1  竜の牙    1  Material', '     2  Fang     10  Material']);
});

describe('the loot window', () => {
  test('is one line naming the creature and the stacks', () => {
    expect(formatLoot({ from: 'Wild boar', items: [stack('Boar Pelt', 1, ''), stack('Boar Tusk', 2, '')], expiresIn: 60 })).toEqual([
      'Loot from Wild boar: Boar Pelt ×1, Boar Tusk ×2 (/loot to take)',
    ]);
  });

  test('says nothing when there is nothing to take', () => {
    expect(formatLoot({ from: 'Wild boar', items: [], expiresIn: 60 })).toEqual([]);
  });

  test('cleans names', () => {
    expect(formatLoot({ from: 'Bo\u001b[2Jar\n', items: [stack('Pe\u202Elt', 1, '')], expiresIn: 1 })).toEqual(['Loot from Bo[2Jar: Pelt ×1 (/loot to take)']);
  });
});
