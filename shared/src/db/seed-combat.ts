import { SEED_ABILITIES } from '../game/abilities.js';
import type { AbilityRecord, ItemRecord } from '../game/content-records.js';
import { SEED_ITEMS } from '../game/items.js';
import type { Database } from './database.js';

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
      ...items.map(({ id, weapon: stats, bonuses, ...rest }) => {
        const fields = {
          ...rest,
          ...bonuses,
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
