import pg from 'pg';
import { databaseNameOf, withDatabase } from './database-url.js';
import { readMigrationList } from './migration-files.js';
import { DEFAULT_MIGRATIONS_DIR } from './prisma-paths.js';
import { NO_FILTERS, withSchemaEngine } from './schema-engine.js';

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
 * `prisma migrate deploy` without the CLI: applies the pending migrations in
 * Prisma's own engine, which records them in `_prisma_migrations` (checksums,
 * timestamps, advisory lock) exactly as the CLI would. Creates the database
 * first if the server does not have it yet.
 */
export async function migrate(url: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  try {
    await ensureDatabaseExists(url);
    const migrationsList = await readMigrationList(migrationsDir);
    if (migrationsList.migrationDirectories.length === 0) {
      throw new Error(`no migrations found in ${migrationsDir}`);
    }
    const log = options.log;
    const { appliedMigrationNames } = await withSchemaEngine({ url, ...(log ? { log } : {}) }, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    );
    return { applied: appliedMigrationNames };
  } catch (error) {
    throw new Error(`could not migrate database "${databaseNameOf(url)}"`, { cause: error });
  }
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

async function withClient(url: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
