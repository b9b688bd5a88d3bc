import { defineConfig } from 'prisma/config';

// Kept beside the schema (not at the repo root) so everything Prisma reads
// lives in prisma/; scripts/db/*.mjs pass `--config prisma/prisma.config.ts`.
// Only the CLI reads this file: the app and the offline migrator take the
// URL from DATABASE_URL through the pg driver adapter.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  // Not env('DATABASE_URL'): that throws when unset, and `prisma generate`
  // needs no database.
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
