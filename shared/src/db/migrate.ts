import pg from 'pg';
import { databaseNameOf, withDatabase } from './database-url.js';
import { readMigrationList, type MigrationList } from './migration-files.js';
import { MigrationHistoryError, type MigrationScript } from './migration-plan.js';
import { runMigrations } from './migration-runner.js';
import { DEFAULT_MIGRATIONS_DIR } from './prisma-paths.js';

export interface MigrateOptions {
  /** Defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
  log?: (message: string) => void;
}

export interface MigrateResult {
  /** Migrations applied by this call, oldest first; empty when the database was up to date. */
  applied: string[];
}

/**
 * `prisma migrate deploy` without Prisma: applies the pending migrations of
 * the committed `migration.sql` files with our own runner (migration-runner.ts),
 * which keeps Prisma's `_prisma_migrations` table and advisory lock, so
 * databases migrated by either are the same to both. Refuses, applying
 * nothing, when the history does not fit the files (MigrationHistoryError in
 * the cause). Creates the database first if the server does not have it yet.
 */
export async function migrate(url: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  try {
    const migrations = scriptsOf(await readMigrationList(migrationsDir));
    if (migrations.length === 0) throw new Error(`no migrations found in ${migrationsDir}`);
    await ensureDatabaseExists(url);
    const applied = await withClient(url, (client) => runMigrations(client, migrations, options.log));
    return { applied };
  } catch (error) {
    throw new Error(`could not migrate database "${databaseNameOf(url)}"`, { cause: error });
  }
}

function scriptsOf(list: MigrationList): MigrationScript[] {
  return list.migrationDirectories.map((directory) => {
    const content = directory.migrationFile.content;
    if (content.tag === 'error') {
      throw new MigrationHistoryError(`migration ${directory.path} has no readable migration.sql: ${content.value}`, directory.path);
    }
    return { name: directory.path, script: content.value };
  });
}

/** What `prisma migrate deploy` does before migrating: create the database if it is missing. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  try {
    await withClient(url, async () => {});
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) throw error;
  }
  // Only when it is missing do we need the maintenance database, which a
  // hosted server may not even let us into.
  await withClient(withDatabase(url, 'postgres'), async (client) => {
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseNameOf(url))}`);
    } catch (error) {
      // Another process created it first: 42P04 if its commit came before our
      // check, a unique violation on pg_database if the two raced.
      const code = (error as { code?: string }).code;
      if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw error;
    }
  });
}

const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
