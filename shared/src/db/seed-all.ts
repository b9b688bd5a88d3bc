import { seedEconomy, type EconomySeedResult } from './seed-economy.js';
import type { Database } from './database.js';
import { seedCombat, type CombatSeedResult } from './seed-combat.js';
import { seedInhabitants, type InhabitantsSeedResult } from './seed-inhabitants.js';
import { seedWorld, type SeedResult } from './seed-world.js';

export interface SeedAllResult {
  world: SeedResult;
  combat: CombatSeedResult;
  inhabitants: InhabitantsSeedResult;
  economy: EconomySeedResult;
}

/** Everything a fresh world needs, in dependency order (zones first); idempotent. */
export async function seedAll(db: Pick<Database, 'client'>): Promise<SeedAllResult> {
  const world = await seedWorld(db);
  const combat = await seedCombat(db);
  const inhabitants = await seedInhabitants(db);
  const economy = await seedEconomy(db);
  return { world, combat, inhabitants, economy };
}
