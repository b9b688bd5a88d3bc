import { fighter } from '../combat/combat-fixtures.test-helpers.js';
import { fightingStats } from '../combat/combatant.js';
import { ItemCatalog } from '../combat/items/item-catalog.js';
import type { InventoryEntry } from '../combat/items/item.js';
import { EQUIPMENT_SLOTS, equipSlotAt, gearBonuses, gearFor } from '../combat/items/gear.js';
import { changedSlots, equip, unequip, wearing } from './equipment.js';

const items = new ItemCatalog();
const stack = (slot: number, itemId: string, quantity = 1): InventoryEntry => ({ slot, itemId, name: items.get(itemId)!.name, quantity });
const BAGS = 20;

describe('equipment slots', () => {
  it.each([
    [0, 'weapon'],
    [1001, 'head'],
    [1002, 'body'],
    [1003, 'hands'],
    [1004, 'feet'],
    [1, undefined],
    [20, undefined],
  ])('slot %i is %s', (slot, name) => {
    expect(equipSlotAt(slot)).toBe(name);
  });
});

describe('equip', () => {
  it.each([
    {
      case: 'into an empty slot',
      before: [stack(3, 'padded-jerkin')],
      slot: 3,
      after: [stack(1002, 'padded-jerkin')],
      text: 'You put on Padded Jerkin.',
    },
    {
      case: 'swapping with what was worn, into the emptied bag slot',
      before: [stack(0, 'iron-sword'), stack(5, 'rusty-sword')],
      slot: 5,
      after: [stack(0, 'rusty-sword'), stack(5, 'iron-sword')],
      text: 'You wield Rusty Sword; Iron Sword goes into your bags.',
    },
    {
      case: 'boots to the feet',
      before: [stack(1, 'wolf-pelt', 3), stack(2, 'tusker-boots')],
      slot: 2,
      after: [stack(1, 'wolf-pelt', 3), stack(1004, 'tusker-boots')],
      text: 'You put on Tusker Boots.',
    },
  ])('$case', ({ before, slot, after, text }) => {
    expect(equip(before, slot, items, BAGS)).toEqual({ ok: true, inventory: after, text });
  });

  it.each([
    { case: 'a material', before: [stack(1, 'wolf-pelt', 2)], slot: 1, code: 'invalid_command' },
    { case: 'an empty slot', before: [], slot: 4, code: 'not_found' },
  ])('refuses $case', ({ before, slot, code }) => {
    expect(equip(before, slot, items, BAGS)).toMatchObject({ ok: false, code });
  });
});

describe('unequip', () => {
  it('puts it in the first free bag slot', () => {
    const result = unequip([stack(1, 'rope'), stack(1001, 'leather-cap')], 'head', items, BAGS);
    expect(result).toEqual({ ok: true, inventory: [stack(1, 'rope'), stack(2, 'leather-cap')], text: 'You take off Leather Cap.' });
  });

  it.each([
    { case: 'nothing worn there', before: [stack(1, 'rope')], slot: 'feet' as const, code: 'not_found' },
    { case: 'full bags', before: [stack(1, 'rope'), stack(0, 'iron-sword')], slot: 'weapon' as const, code: 'bags_full', bags: 1 },
  ])('refuses with $case', ({ before, slot, code, bags }) => {
    expect(unequip(before, slot, items, bags ?? BAGS)).toMatchObject({ ok: false, code });
  });
});

describe('gear', () => {
  it('adds up the bonuses of what is worn, not of what is in the bags', () => {
    const inventory = [stack(0, 'iron-sword'), stack(1002, 'wolfhide-jerkin'), stack(3, 'leather-gloves'), stack(1004, 'tusker-boots')];
    expect(gearBonuses(inventory, items)).toEqual({ strength: 3, agility: 3, intellect: 0, speed: 1, maxHp: 15 });
  });

  it.each([
    { bonuses: { strength: 0, agility: 0, intellect: 0, speed: 0, maxHp: 0 }, stats: undefined },
    { bonuses: { strength: 1, agility: 0, intellect: 0, speed: 2, maxHp: 5 }, stats: { strength: 11, agility: 10, intellect: 10, speed: 12 } },
  ])('gearFor(%o)', ({ bonuses, stats }) => {
    expect(gearFor({ strength: 10, agility: 10, intellect: 10, speed: 10 }, bonuses)?.stats).toEqual(stats);
  });

  it('wearing moves the weapon, the fighting stats and max hp; hp never above the new max; the stored stats stay', () => {
    const ann = fighter('ann', 0, 0);
    const dressed = wearing(ann, [stack(0, 'iron-sword'), stack(1002, 'padded-jerkin')], items);
    expect(dressed.combat.weapon).toEqual({ name: 'Iron Sword', delay: 2.2, minDamage: 7, maxDamage: 12, range: 2.5 });
    expect(fightingStats(dressed.combat)).toEqual({ strength: 11, agility: 10, intellect: 10, speed: 10 });
    expect(dressed.combat.stats).toEqual(ann.combat.stats);
    expect(dressed.player!.resources).toMatchObject({ hp: 100, maxHp: 110 });

    const undressed = wearing(
      { ...dressed, player: { ...dressed.player!, resources: { ...dressed.player!.resources, hp: 108 } } },
      [stack(1, 'iron-sword'), stack(2, 'padded-jerkin')],
      items,
    );
    expect(undressed.combat.weapon.name).toBe('Rusty Sword');
    expect(undressed.combat.gear).toBeUndefined();
    expect(fightingStats(undressed.combat)).toBe(undressed.combat.stats);
    expect(undressed.player!.resources).toMatchObject({ hp: 100, maxHp: 100 });
  });
});

describe('changedSlots', () => {
  it('lists new and changed slots, and emptied ones with quantity 0', () => {
    const before = [stack(1, 'rope', 2), stack(2, 'wolf-pelt', 1), stack(3, 'leather-cap')];
    const after = [stack(1, 'rope', 2), stack(2, 'wolf-pelt', 3), stack(EQUIPMENT_SLOTS.head, 'leather-cap')];
    expect(changedSlots(before, after)).toEqual([stack(2, 'wolf-pelt', 3), { ...stack(3, 'leather-cap'), quantity: 0 }, stack(1001, 'leather-cap')]);
  });
});
