#!/usr/bin/env node
// `npm run db:migrate`: applies pending migrations from prisma/migrations to
// DATABASE_URL with our own runner (shared/src/db/migration-runner.ts), which
// keeps Prisma's _prisma_migrations table and advisory lock but needs no
// Prisma engine. The Helm chart's migration Job runs this.
import { debugLog, fail, loadDb, requireEnv } from './lib.mjs';

const url = requireEnv('DATABASE_URL', 'the database to migrate, e.g. postgresql://user:pass@127.0.0.1:5432/aether');
const { migrate } = await loadDb();
try {
  const { applied } = await migrate(url, { log: debugLog('migrate') });
  if (applied.length === 0) console.log('Database is up to date: no pending migrations.');
  else for (const name of applied) console.log(`Applied ${name}`);
} catch (error) {
  fail(error);
}
