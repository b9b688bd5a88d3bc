import { ItemCatalog } from './item-catalog.js';
import { belongingsView, itemDetail } from './belongings-view.js';

const items = new ItemCatalog();

describe('itemDetail', () => {
  it.each([
    ['padded-jerkin', 'Body · +10 max hp'],
    ['iron-sword', 'Weapon · 2.2 s · 7–12 damage · +1 strength'],
    ['healing-draught', 'Consumable · heals 40 · 30 s cooldown'],
    ['boar-pelt', 'Material · sells for 6'],
    ['wolfhide-jerkin', 'Body · +2 strength · +2 agility · +15 max hp'],
  ])('%s: %s', (id, detail) => {
    expect(itemDetail(items.get(id)!)).toBe(detail);
  });
});

describe('belongingsView', () => {
  it('splits bags and equipment, equipment in sheet order', () => {
    const inventory = [
      { slot: 1004, itemId: 'tusker-boots', name: 'Tusker Boots', quantity: 1 },
      { slot: 2, itemId: 'rope', name: 'Rope', quantity: 3 },
      { slot: 0, itemId: 'iron-sword', name: 'Iron Sword', quantity: 1 },
    ];
    const view = belongingsView({ inventory, coins: 12 }, items, 20);
    expect(view.coins).toBe(12);
    expect(view.bagSlots).toBe(20);
    expect(view.bags).toEqual([{ slot: 2, itemId: 'rope', name: 'Rope', quantity: 3, kind: 'material', detail: 'Material · sells for 1' }]);
    expect(view.equipment.map((stack) => [stack.slot, stack.itemId])).toEqual([
      ['weapon', 'iron-sword'],
      ['feet', 'tusker-boots'],
    ]);
    // A wielded weapon is what the sheet shows, whatever the archetype starts with.
    expect(belongingsView({ inventory, coins: 12 }, items, 20, 'mage').equipment[0]).toMatchObject({ slot: 'weapon', itemId: 'iron-sword' });
  });

  it.each([
    ['warrior', 'rusty-sword', 'Weapon · 2.4 s · 5–9 damage · starting weapon'],
    ['ranger', 'hunting-bow', 'Weapon · 3 s · 5–9 damage · starting weapon'],
    ['mage', 'oak-staff', 'Weapon · 3 s · 3–7 damage · starting weapon'],
  ] as const)('a %s with nothing in the weapon slot is shown its starting weapon, marked', (archetype, itemId, detail) => {
    const view = belongingsView({ inventory: [], coins: 0 }, items, 20, archetype);
    expect(view.equipment).toEqual([{ slot: 'weapon', itemId, name: expect.any(String), quantity: 1, kind: 'weapon', detail }]);
    expect(view.bags).toEqual([]);
  });
});
