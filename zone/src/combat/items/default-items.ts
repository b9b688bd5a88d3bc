import { SEED_ITEMS, type Archetype } from '@aether/shared';
import type { Weapon } from '../combatant.js';
import type { ItemDefinition } from './item.js';
import { itemFromRecord } from './item-record.js';

/**
 * The items the game ships with, from the one table in @aether/shared
 * (shared/src/game/items.ts) the database seed also writes; rows in the
 * database override these by id.
 */
export const DEFAULT_ITEMS: readonly ItemDefinition[] = SEED_ITEMS.map((row) => {
  const parsed = itemFromRecord(row);
  if (!parsed.ok) throw new Error(`shipped ${parsed.message}`);
  return parsed.item;
});

/** What each archetype wields while slot 0 is empty. */
export const STARTER_WEAPONS: Record<Archetype, string> = {
  warrior: 'rusty-sword',
  ranger: 'hunting-bow',
  mage: 'oak-staff',
};

export const FISTS: Weapon = { name: 'Fists', delay: 2, minDamage: 1, maxDamage: 3, range: 2 };
