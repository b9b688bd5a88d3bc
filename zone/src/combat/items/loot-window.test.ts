import { sequence } from '../combat-fixtures.test-helpers.js';
import { ItemCatalog } from './item-catalog.js';
import type { InventoryEntry, LootPile } from './item.js';
import { addLoot, LOOT_WINDOW_SECONDS, rollLoot, takeLoot } from './loot-window.js';

const items = new ItemCatalog();
const stack = (slot: number, itemId: string, quantity = 1): InventoryEntry => ({ slot, itemId, name: items.get(itemId)!.name, quantity });

describe('rollLoot', () => {
  const table = [
    { itemId: 'boar-pelt', chance: 0.5, minQuantity: 1, maxQuantity: 1 },
    { itemId: 'boar-tusk', chance: 0.3, minQuantity: 1, maxQuantity: 3 },
  ];
  it.each([
    {
      case: 'both drop; the tusk quantity is drawn',
      rolls: [0.1, 0.2, 0.99],
      drops: [
        { itemId: 'boar-pelt', quantity: 1 },
        { itemId: 'boar-tusk', quantity: 3 },
      ],
    },
    { case: 'the pelt misses (0.5 is not < 0.5)', rolls: [0.5, 0.2, 0], drops: [{ itemId: 'boar-tusk', quantity: 1 }] },
    { case: 'nothing drops', rolls: [0.9, 0.9], drops: [] },
  ])('$case', ({ rolls, drops }) => {
    expect(rollLoot(table, sequence(rolls))).toEqual(drops);
  });
});

describe('addLoot', () => {
  const open: LootPile = { from: 'the Wolf', items: [{ itemId: 'wolf-pelt', quantity: 1 }], expiresAt: 70 };
  it('merges into a window still open, restarting its time', () => {
    expect(
      addLoot(
        open,
        'the Boar',
        [
          { itemId: 'wolf-pelt', quantity: 2 },
          { itemId: 'boar-tusk', quantity: 1 },
        ],
        50,
      ),
    ).toEqual({
      from: 'the Boar',
      items: [
        { itemId: 'wolf-pelt', quantity: 3 },
        { itemId: 'boar-tusk', quantity: 1 },
      ],
      expiresAt: 50 + LOOT_WINDOW_SECONDS,
    });
  });
  it('replaces one that ran out', () => {
    expect(addLoot(open, 'the Boar', [{ itemId: 'boar-tusk', quantity: 1 }], 80).items).toEqual([{ itemId: 'boar-tusk', quantity: 1 }]);
  });
});

describe('takeLoot', () => {
  const pile: LootPile = {
    from: 'the Wolf',
    items: [
      { itemId: 'wolf-pelt', quantity: 2 },
      { itemId: 'healing-draught', quantity: 1 },
    ],
    expiresAt: 60,
  };
  it('takes everything that fits, onto stacks first', () => {
    const taken = takeLoot([stack(1, 'wolf-pelt', 5)], pile, items, 20);
    expect(taken).toEqual({
      inventory: [stack(1, 'wolf-pelt', 7), stack(2, 'healing-draught', 1)],
      taken: pile.items,
      left: undefined,
      full: false,
    });
  });
  it('takes one kind when named; the rest stays', () => {
    const taken = takeLoot([], pile, items, 20, 'healing-draught');
    expect(taken.taken).toEqual([{ itemId: 'healing-draught', quantity: 1 }]);
    expect(taken.left?.items).toEqual([{ itemId: 'wolf-pelt', quantity: 2 }]);
  });
  it('what does not fit stays in the window', () => {
    const taken = takeLoot([stack(1, 'wolf-pelt', 19)], pile, items, 1);
    expect(taken).toMatchObject({ taken: [{ itemId: 'wolf-pelt', quantity: 1 }], full: true });
    expect(taken.left?.items).toEqual([
      { itemId: 'wolf-pelt', quantity: 1 },
      { itemId: 'healing-draught', quantity: 1 },
    ]);
  });
});
