import { DEFAULT_ITEMS } from './default-items.js';
import { addItem } from './inventory.js';
import { ItemCatalog } from './item-catalog.js';
import type { InventoryEntry } from './item.js';

const item = (id: string) => DEFAULT_ITEMS.find((definition) => definition.id === id)!;
const entry = (slot: number, itemId: string, quantity: number): InventoryEntry => ({ slot, itemId, name: item(itemId).name, quantity });

describe('addItem', () => {
  it.each<[string, InventoryEntry[], string, number, number, InventoryEntry[], number]>([
    ['into the first bag slot', [], 'wolf-pelt', 2, 20, [entry(1, 'wolf-pelt', 2)], 0],
    ['onto a stack of the same item', [entry(1, 'wolf-pelt', 5)], 'wolf-pelt', 3, 20, [entry(1, 'wolf-pelt', 8)], 0],
    [
      'a full stack overflows into the next free slot',
      [entry(1, 'wolf-pelt', 19)],
      'wolf-pelt',
      3,
      20,
      [entry(1, 'wolf-pelt', 20), entry(2, 'wolf-pelt', 2)],
      0,
    ],
    ['never into slot 0 (the wielded weapon)', [entry(0, 'rusty-sword', 1)], 'boar-tusk', 1, 20, [entry(0, 'rusty-sword', 1), entry(1, 'boar-tusk', 1)], 0],
    ['a gap is filled first', [entry(2, 'boar-tusk', 1)], 'rusty-sword', 1, 20, [entry(1, 'rusty-sword', 1), entry(2, 'boar-tusk', 1)], 0],
    ['what does not fit is lost', [entry(1, 'boar-tusk', 20)], 'wolf-pelt', 25, 2, [entry(1, 'boar-tusk', 20), entry(2, 'wolf-pelt', 20)], 5],
  ])('%s', (_name, inventory, itemId, quantity, bagSlots, expected, lost) => {
    const result = addItem(inventory, item(itemId), quantity, bagSlots);
    expect(result.inventory).toEqual(expected);
    expect(result.lost).toBe(lost);
    for (const changed of result.changed) expect(expected).toContainEqual(changed);
  });
});

describe('ItemCatalog', () => {
  const catalog = new ItemCatalog();

  it.each([
    ['warrior', [], 'Rusty Sword'],
    ['ranger', [], 'Hunting Bow'],
    ['mage', [], 'Oak Staff'],
    ['mage', [entry(0, 'rusty-sword', 1)], 'Rusty Sword'],
    ['mage', [entry(1, 'rusty-sword', 1)], 'Oak Staff'],
    ['warrior', [entry(0, 'wolf-pelt', 1)], 'Fists'],
  ] as const)('a %s with %j wields %s', (archetype, inventory, weapon) => {
    expect(catalog.weaponFor(archetype, inventory).name).toBe(weapon);
  });

  it('database rows override the defaults by id', () => {
    const tuned = ItemCatalog.fromRecords([
      {
        id: 'rusty-sword',
        name: 'Rusty Sword',
        description: '',
        kind: 'weapon',
        maxStack: 1,
        value: 1,
        weapon: { delay: 1, minDamage: 1, maxDamage: 2, range: 2 },
      },
    ]);
    expect(tuned.weaponFor('warrior', [])).toEqual({ name: 'Rusty Sword', delay: 1, minDamage: 1, maxDamage: 2, range: 2 });
    expect(tuned.get('wolf-pelt')?.name).toBe('Wolf Pelt');
  });
});
