import { DEFAULT_ITEMS } from './default-items.js';
import { addItem, countItem, removeItem } from './inventory.js';
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
        equipSlot: 'weapon',
        bonuses: { strength: 0, agility: 0, intellect: 0, speed: 0, maxHp: 0 },
        heal: 0,
        useCooldown: 0,
      },
    ]);
    expect(tuned.weaponFor('warrior', [])).toEqual({ name: 'Rusty Sword', delay: 1, minDamage: 1, maxDamage: 2, range: 2 });
    expect(tuned.get('wolf-pelt')?.name).toBe('Wolf Pelt');
  });
});

describe('removeItem', () => {
  it.each<[string, InventoryEntry[], string, number, InventoryEntry[], number]>([
    ['a whole stack', [entry(1, 'wolf-pelt', 2)], 'wolf-pelt', 2, [], 2],
    ['part of a stack', [entry(1, 'wolf-pelt', 5)], 'wolf-pelt', 2, [entry(1, 'wolf-pelt', 3)], 2],
    ['the smallest stack first', [entry(1, 'wolf-pelt', 20), entry(2, 'wolf-pelt', 1)], 'wolf-pelt', 3, [entry(1, 'wolf-pelt', 18)], 3],
    ['no more than the bags hold', [entry(1, 'boar-tusk', 1)], 'boar-tusk', 4, [], 1],
    ['never the wielded weapon in slot 0', [entry(0, 'rusty-sword', 1), entry(3, 'rusty-sword', 1)], 'rusty-sword', 2, [entry(0, 'rusty-sword', 1)], 1],
    ['never a slot past the bags', [entry(1001, 'wolf-pelt', 1)], 'wolf-pelt', 1, [entry(1001, 'wolf-pelt', 1)], 0],
  ])('%s', (_name, inventory, itemId, quantity, expected, removed) => {
    const result = removeItem(inventory, itemId, quantity, 20);
    expect(result.inventory).toEqual(expected);
    expect(result.removed).toBe(removed);
    expect(result.changed.reduce((sum, slot) => sum + (inventory.find((e) => e.slot === slot.slot)!.quantity - slot.quantity), 0)).toBe(removed);
    expect(countItem(result.inventory, itemId, 20)).toBe(countItem(inventory, itemId, 20) - removed);
  });
});
