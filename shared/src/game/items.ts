import type { ItemRecord } from './content-records.js';

const NO_BONUSES = { strength: 0, agility: 0, intellect: 0, speed: 0, maxHp: 0 };

type ItemSeed = Pick<ItemRecord, 'id' | 'name' | 'description' | 'kind' | 'value'> &
  Partial<Omit<ItemRecord, 'bonuses'>> & { bonuses?: Partial<ItemRecord['bonuses']> };

function item(seed: ItemSeed): ItemRecord {
  return { maxStack: 1, weapon: null, equipSlot: null, heal: 0, useCooldown: 0, ...seed, bonuses: { ...NO_BONUSES, ...seed.bonuses } };
}

const weapon = (delay: number, minDamage: number, maxDamage: number, range: number) => ({
  equipSlot: 'weapon',
  weapon: { delay, minDamage, maxDamage, range },
});
const material = (id: string, name: string, description: string, value: number) => item({ id, name, description, kind: 'material', maxStack: 20, value });

/**
 * Starter weapons (what a character wields with nothing equipped), loot, and
 * what the city's vendor sells (docs/gameplay.md, "Items"). `value` is what a
 * vendor pays for one; what it asks is in its wares (seed-economy.ts).
 */
export const SEED_ITEMS: readonly ItemRecord[] = [
  item({ id: 'rusty-sword', name: 'Rusty Sword', description: 'Better than bare hands.', kind: 'weapon', value: 2, ...weapon(2.4, 5, 9, 2.5) }),
  item({ id: 'hunting-bow', name: 'Hunting Bow', description: 'A short bow of yew.', kind: 'weapon', value: 3, ...weapon(3, 5, 9, 30) }),
  item({ id: 'oak-staff', name: 'Oak Staff', description: 'A walking stick with ambitions.', kind: 'weapon', value: 2, ...weapon(3, 3, 7, 2.5) }),
  item({
    id: 'iron-sword',
    name: 'Iron Sword',
    description: 'Honest steel from the city forge.',
    kind: 'weapon',
    value: 15,
    ...weapon(2.2, 7, 12, 2.5),
    bonuses: { strength: 1 },
  }),
  item({ id: 'leather-cap', name: 'Leather Cap', description: 'Keeps the rain off.', kind: 'armor', value: 5, equipSlot: 'head', bonuses: { maxHp: 5 } }),
  item({
    id: 'padded-jerkin',
    name: 'Padded Jerkin',
    description: 'Quilted linen, stiff with wax.',
    kind: 'armor',
    value: 10,
    equipSlot: 'body',
    bonuses: { maxHp: 10 },
  }),
  item({
    id: 'leather-gloves',
    name: 'Leather Gloves',
    description: 'A firmer grip.',
    kind: 'armor',
    value: 4,
    equipSlot: 'hands',
    bonuses: { strength: 1 },
  }),
  item({
    id: 'travellers-boots',
    name: "Traveller's Boots",
    description: 'Broken in by someone else.',
    kind: 'armor',
    value: 6,
    equipSlot: 'feet',
    bonuses: { speed: 1 },
  }),
  item({
    id: 'wolfhide-jerkin',
    name: 'Wolfhide Jerkin',
    description: "The guard captain's thanks, stitched from the pelts you brought.",
    kind: 'armor',
    value: 20,
    equipSlot: 'body',
    bonuses: { strength: 2, agility: 2, maxHp: 15 },
  }),
  item({
    id: 'tusker-boots',
    name: 'Tusker Boots',
    description: 'Old Tobin made them from the last boar that raided his garden.',
    kind: 'armor',
    value: 8,
    equipSlot: 'feet',
    bonuses: { agility: 1, speed: 1 },
  }),
  material('rabbit-foot', 'Rabbit Foot', 'Lucky for someone.', 1),
  material('boar-pelt', 'Boar Pelt', 'Coarse, bristly hide.', 6),
  material('boar-tusk', 'Boar Tusk', 'Curved and sharp.', 4),
  material('deer-antler', 'Deer Antler', 'Carvers pay for these.', 5),
  material('wolf-pelt', 'Wolf Pelt', 'Thick grey fur.', 10),
  material('rope', 'Rope', 'Ten metres of hemp.', 1),
  item({
    id: 'healing-draught',
    name: 'Healing Draught',
    description: 'Smells of mint. Restores 40 hp.',
    kind: 'consumable',
    maxStack: 10,
    value: 4,
    heal: 40,
    useCooldown: 30,
  }),
  item({
    id: 'trail-ration',
    name: 'Trail Ration',
    description: 'Dried meat and hard bread. Restores 15 hp.',
    kind: 'consumable',
    maxStack: 10,
    value: 1,
    heal: 15,
    useCooldown: 10,
  }),
];
