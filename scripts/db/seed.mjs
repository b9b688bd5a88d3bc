#!/usr/bin/env node
// `npm run db:seed`: upserts the seed world (zones, adjacency), the combat content (abilities, items) and the
// inhabitants (species, spawn rules, NPCs and their dialogue) into DATABASE_URL.
// Idempotent; run it after db:migrate.
import { fail, loadDb, requireEnv } from './lib.mjs';

const url = requireEnv('DATABASE_URL', 'the database to seed');
const { createDatabase, seedCombat, seedInhabitants, seedWorld } = await loadDb();
const db = createDatabase(url, { poolSize: 2 });
try {
  const { zones, adjacencies } = await seedWorld(db);
  console.log(`Seeded ${zones} zones and ${adjacencies} adjacencies.`);
  const { abilities, items } = await seedCombat(db);
  console.log(`Seeded ${abilities} abilities and ${items} items.`);
  const inhabitants = await seedInhabitants(db);
  console.log(
    `Seeded ${inhabitants.species} species, ${inhabitants.spawnRules} spawn rules, ${inhabitants.npcs} NPCs and ${inhabitants.dialogueRules} dialogue rules.`,
  );
} catch (error) {
  await db.close().catch(() => {});
  fail(error);
}
await db.close();
