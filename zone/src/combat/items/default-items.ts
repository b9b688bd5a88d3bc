import type { Archetype } from '@aether/shared';
import type { Weapon } from '../combatant.js';
import type { ItemDefinition } from './item.js';

/** The same items as the database seed (shared/src/db/seed-combat.ts); database rows override these by id. */
export const DEFAULT_ITEMS: readonly ItemDefinition[] = [
  {
    id: 'rusty-sword',
    name: 'Rusty Sword',
    description: 'Better than bare hands.',
    kind: 'weapon',
    maxStack: 1,
    value: 5,
    weapon: { delay: 2.4, minDamage: 5, maxDamage: 9, range: 2.5 },
  },
  {
    id: 'hunting-bow',
    name: 'Hunting Bow',
    description: 'A short bow of yew.',
    kind: 'weapon',
    maxStack: 1,
    value: 8,
    weapon: { delay: 3, minDamage: 5, maxDamage: 9, range: 30 },
  },
  {
    id: 'oak-staff',
    name: 'Oak Staff',
    description: 'A walking stick with ambitions.',
    kind: 'weapon',
    maxStack: 1,
    value: 6,
    weapon: { delay: 3, minDamage: 3, maxDamage: 7, range: 2.5 },
  },
  { id: 'wolf-pelt', name: 'Wolf Pelt', description: 'Thick grey fur.', kind: 'material', maxStack: 20, value: 3 },
  { id: 'boar-tusk', name: 'Boar Tusk', description: 'Curved and sharp.', kind: 'material', maxStack: 20, value: 4 },
  { id: 'healing-draught', name: 'Healing Draught', description: 'Smells of mint.', kind: 'consumable', maxStack: 10, value: 10 },
];

/** What each archetype wields while slot 0 is empty. */
export const STARTER_WEAPONS: Record<Archetype, string> = {
  warrior: 'rusty-sword',
  ranger: 'hunting-bow',
  mage: 'oak-staff',
};

export const FISTS: Weapon = { name: 'Fists', delay: 2, minDamage: 1, maxDamage: 3, range: 2 };
