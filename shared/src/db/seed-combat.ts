import type { AbilityRecord, ItemRecord } from './combat-records.js';
import type { Database } from './database.js';

type AbilitySeed = Pick<AbilityRecord, 'id' | 'name' | 'description' | 'archetype' | 'level' | 'target' | 'effect' | 'range' | 'cooldown'> &
  Partial<AbilityRecord>;

function ability(seed: AbilitySeed): AbilityRecord {
  return {
    power: 0,
    scalingStat: null,
    scaling: 0,
    duration: 0,
    magnitude: 1,
    castTime: 0,
    atbCost: 0,
    staminaCost: 0,
    manaCost: 0,
    ...seed,
  };
}

/**
 * The abilities the game ships with; the zone's in-memory defaults
 * (zone/src/combat/abilities/default-abilities.ts) are the same definitions,
 * and a test keeps the two in step.
 */
export const SEED_ABILITIES: readonly AbilityRecord[] = [
  ability({
    id: 'first-aid',
    name: 'First Aid',
    description: 'Bind your wounds.',
    archetype: null,
    level: 1,
    target: 'self',
    effect: 'heal',
    power: 15,
    scalingStat: 'intellect',
    scaling: 0.5,
    range: 0,
    castTime: 2,
    cooldown: 20,
    atbCost: 30,
    staminaCost: 10,
  }),
  ability({
    id: 'power-strike',
    name: 'Power Strike',
    description: 'A heavy two-handed blow.',
    archetype: 'warrior',
    level: 1,
    target: 'enemy',
    effect: 'damage',
    power: 12,
    scalingStat: 'strength',
    scaling: 1,
    range: 2.5,
    cooldown: 6,
    atbCost: 40,
    staminaCost: 15,
  }),
  ability({
    id: 'shield-bash',
    name: 'Shield Bash',
    description: 'Stun the target for 2 s.',
    archetype: 'warrior',
    level: 3,
    target: 'enemy',
    effect: 'stun',
    duration: 2,
    range: 2.5,
    cooldown: 15,
    atbCost: 50,
    staminaCost: 20,
  }),
  ability({
    id: 'battle-cry',
    name: 'Battle Cry',
    description: 'Haste yourself (ATB ×1.5) for 10 s.',
    archetype: 'warrior',
    level: 5,
    target: 'self',
    effect: 'haste',
    duration: 10,
    magnitude: 1.5,
    range: 0,
    cooldown: 30,
    atbCost: 30,
    staminaCost: 25,
  }),
  ability({
    id: 'aimed-shot',
    name: 'Aimed Shot',
    description: 'A careful shot that takes 1.5 s to line up.',
    archetype: 'ranger',
    level: 1,
    target: 'enemy',
    effect: 'damage',
    power: 10,
    scalingStat: 'agility',
    scaling: 1,
    range: 30,
    castTime: 1.5,
    cooldown: 5,
    atbCost: 40,
    staminaCost: 15,
  }),
  ability({
    id: 'crippling-shot',
    name: 'Crippling Shot',
    description: 'Slow the target (ATB ×0.5) for 8 s.',
    archetype: 'ranger',
    level: 3,
    target: 'enemy',
    effect: 'slow',
    duration: 8,
    magnitude: 0.5,
    range: 30,
    cooldown: 12,
    atbCost: 30,
    staminaCost: 15,
  }),
  ability({
    id: 'quickstep',
    name: 'Quickstep',
    description: 'Haste yourself (ATB ×1.5) for 10 s.',
    archetype: 'ranger',
    level: 5,
    target: 'self',
    effect: 'haste',
    duration: 10,
    magnitude: 1.5,
    range: 0,
    cooldown: 30,
    atbCost: 30,
    staminaCost: 20,
  }),
  ability({
    id: 'firebolt',
    name: 'Firebolt',
    description: 'Hurl fire; 2 s to cast.',
    archetype: 'mage',
    level: 1,
    target: 'enemy',
    effect: 'damage',
    power: 14,
    scalingStat: 'intellect',
    scaling: 1.2,
    range: 25,
    castTime: 2,
    cooldown: 3,
    atbCost: 40,
    manaCost: 20,
  }),
  ability({
    id: 'frost-grip',
    name: 'Frost Grip',
    description: 'Slow the target (ATB ×0.5) for 8 s.',
    archetype: 'mage',
    level: 3,
    target: 'enemy',
    effect: 'slow',
    duration: 8,
    magnitude: 0.5,
    range: 25,
    castTime: 1,
    cooldown: 12,
    atbCost: 30,
    manaCost: 15,
  }),
  ability({
    id: 'haste',
    name: 'Haste',
    description: 'Haste yourself (ATB ×1.5) for 10 s.',
    archetype: 'mage',
    level: 5,
    target: 'self',
    effect: 'haste',
    duration: 10,
    magnitude: 1.5,
    range: 0,
    castTime: 1,
    cooldown: 30,
    atbCost: 30,
    manaCost: 30,
  }),
];

const weapon = (delay: number, minDamage: number, maxDamage: number, range: number) => ({ delay, minDamage, maxDamage, range });

/** Starter weapons (what a character wields with nothing in slot 0) and loot. */
export const SEED_ITEMS: readonly ItemRecord[] = [
  { id: 'rusty-sword', name: 'Rusty Sword', description: 'Better than bare hands.', kind: 'weapon', maxStack: 1, value: 5, weapon: weapon(2.4, 5, 9, 2.5) },
  { id: 'hunting-bow', name: 'Hunting Bow', description: 'A short bow of yew.', kind: 'weapon', maxStack: 1, value: 8, weapon: weapon(3, 5, 9, 30) },
  { id: 'oak-staff', name: 'Oak Staff', description: 'A walking stick with ambitions.', kind: 'weapon', maxStack: 1, value: 6, weapon: weapon(3, 3, 7, 2.5) },
  { id: 'wolf-pelt', name: 'Wolf Pelt', description: 'Thick grey fur.', kind: 'material', maxStack: 20, value: 3, weapon: null },
  { id: 'boar-tusk', name: 'Boar Tusk', description: 'Curved and sharp.', kind: 'material', maxStack: 20, value: 4, weapon: null },
  { id: 'healing-draught', name: 'Healing Draught', description: 'Smells of mint.', kind: 'consumable', maxStack: 10, value: 10, weapon: null },
];

export interface CombatSeedResult {
  abilities: number;
  items: number;
}

/**
 * Makes the database hold the shipped abilities and items; safe on every
 * start. Rows are upserted so tuning in the seed reaches existing databases;
 * rows the seed does not know (added by designers) are left alone.
 */
export async function seedCombat(
  db: Pick<Database, 'client'>,
  content: { abilities?: readonly AbilityRecord[]; items?: readonly ItemRecord[] } = {},
): Promise<CombatSeedResult> {
  const abilities = content.abilities ?? SEED_ABILITIES;
  const items = content.items ?? SEED_ITEMS;
  try {
    await db.client.$transaction([
      ...abilities.map(({ id, ...fields }) => db.client.ability.upsert({ where: { id }, create: { id, ...fields }, update: fields })),
      ...items.map(({ id, weapon: stats, ...rest }) => {
        const fields = {
          ...rest,
          weaponDelay: stats?.delay ?? null,
          minDamage: stats?.minDamage ?? null,
          maxDamage: stats?.maxDamage ?? null,
          weaponRange: stats?.range ?? null,
        };
        return db.client.item.upsert({ where: { id }, create: { id, ...fields }, update: fields });
      }),
    ]);
  } catch (error) {
    throw new Error('could not seed abilities and items', { cause: error });
  }
  return { abilities: abilities.length, items: items.length };
}
