#!/usr/bin/env node
// `npm run db:seed`: upserts the seed world (zones, adjacency) into DATABASE_URL.
// Idempotent; run it after db:migrate.
import { fail, loadDb, requireEnv } from './lib.mjs';

const url = requireEnv('DATABASE_URL', 'the database to seed');
const { createDatabase, seedWorld } = await loadDb();
const db = createDatabase(url, { poolSize: 2 });
try {
  const { zones, adjacencies } = await seedWorld(db);
  console.log(`Seeded ${zones} zones and ${adjacencies} adjacencies.`);
} catch (error) {
  await db.close().catch(() => {});
  fail(error);
}
await db.close();
