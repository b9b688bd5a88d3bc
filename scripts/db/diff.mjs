#!/usr/bin/env node
// node scripts/db/diff.mjs <name>     write prisma/migrations/<timestamp>_<name>/migration.sql
//                                     with the SQL that brings the migrations up to schema.prisma
// node scripts/db/diff.mjs --check    exit 1 if schema.prisma has changes no migration covers
//
// `prisma migrate dev --create-only` without the CLI (which needs a native
// engine it would download). The engine replays the existing migrations in a
// throwaway shadow database: on SHADOW_DATABASE_URL's server if set, otherwise
// on a temporary embedded PostgreSQL that is deleted afterwards.
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { debugLog, fail, loadDb } from './lib.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const name = args.find((arg) => !arg.startsWith('--'));
if (!check && !name) fail(new Error('usage: node scripts/db/diff.mjs <migration-name> | --check'));

// Development-time only: Prisma's schema engine, in @aether/testing so that no
// image carries it. The runtime (migrate.mjs, the game) applies migrations without it.
const engine = await loadDb('@aether/testing/schema-engine');
const log = debugLog('schema-engine');

let shadow;
let tempDir;
try {
  if (process.env.SHADOW_DATABASE_URL) {
    shadow = { url: process.env.SHADOW_DATABASE_URL, stop: async () => {} };
  } else {
    tempDir = await mkdtemp(join(tmpdir(), 'aether-shadow-'));
    // Also when an engine panic takes the process down past our cleanup.
    process.on('exit', () => rmSync(tempDir, { recursive: true, force: true }));
    // When run as root the server runs as `postgres`, which must reach the data directory.
    await chmod(tempDir, 0o755);
    // The embedded PostgreSQL launcher belongs to the single-process game (standalone/), not to @aether/shared.
    const { startEmbeddedPostgres } = await loadDb('@aether/standalone');
    shadow = await startEmbeddedPostgres({
      dataDir: join(tempDir, 'data'),
      port: 0,
      database: 'postgres',
      log: debugLog('postgres') ?? (() => {}),
    });
  }

  const options = { shadowServerUrl: shadow.url, log };
  if (check) {
    const script = await engine.diffMigrationsToSchema(options);
    if (script === null) {
      console.log('prisma/migrations matches prisma/schema.prisma.');
    } else {
      console.error('schema.prisma has changes that no migration covers:\n');
      console.error(script);
      process.exitCode = 1;
    }
  } else {
    const directory = await engine.createMigration({ ...options, name });
    if (directory === null) console.log('No schema changes: no migration written.');
    else console.log(`Wrote ${relative(process.cwd(), join(directory, 'migration.sql'))}`);
  }
} catch (error) {
  await shadow?.stop().catch(() => {});
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  fail(error);
}
await shadow?.stop();
if (tempDir) await rm(tempDir, { recursive: true, force: true });
