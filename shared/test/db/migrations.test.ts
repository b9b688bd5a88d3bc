import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrationList, withDatabase } from '../../src/db/index.js';
import { diffMigrationsToSchema, NO_FILTERS, withSchemaEngine } from '@aether/testing/schema-engine';
import { testServerUrl } from './server-url.js';
import { query } from './query.js';

const TIMEOUT = 60_000;

/** A database with nothing in it, not even the test template's tables. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `aether_empty_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(testServerUrl(), name),
    drop: async () => {
      const client = new pg.Client({ connectionString: testServerUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The message of an error and of each of its causes, one per line. */
function messages(error: unknown): string {
  const lines: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) lines.push(current.message);
  return lines.join('\n');
}

async function migrateError(url: string, migrationsDir?: string): Promise<string> {
  const outcome = await migrate(url, migrationsDir ? { migrationsDir } : {}).then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(Error);
  return messages(outcome);
}

/** How the schema engine (what `prisma migrate deploy` runs, and what we ran before our runner) migrates. */
async function migrateWithPrismaEngine(url: string, migrationsDir = DEFAULT_MIGRATIONS_DIR): Promise<string[]> {
  const migrationsList = await readMigrationList(migrationsDir);
  const { appliedMigrationNames } = await withSchemaEngine({ url }, (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }));
  return appliedMigrationNames;
}

type HistoryRow = { migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number };
const historyOf = (url: string) =>
  query<HistoryRow>(url, 'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY started_at');
const historyColumnsOf = (url: string) =>
  query(
    url,
    `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
  );

describe('migrate', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it(
    'applies every migration to an empty database, recording them as Prisma does, and a second run applies nothing',
    async () => {
      const db = await emptyDatabase();
      cleanups.push(db.drop);
      const names = (await readMigrationList(DEFAULT_MIGRATIONS_DIR)).migrationDirectories.map((m) => m.path);

      expect(await migrate(db.url)).toEqual({ applied: names });
      expect(await migrate(db.url)).toEqual({ applied: [] });

      const rows = await historyOf(db.url);
      expect(rows.map((row) => row.migration_name)).toEqual(names);
      for (const row of rows) {
        const script = await readFile(join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
        expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
      }
      const tables = await query<{ tablename: string }>(db.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
      expect(tables.map((t) => t.tablename)).toEqual([
        '_prisma_migrations',
        'ability',
        'account',
        'audit_log',
        'character',
        'character_ability',
        'character_change',
        'character_quest',
        'inventory_item',
        'item',
        'loot_entry',
        'npc',
        'npc_dialogue_rule',
        'party',
        'party_member',
        'quest',
        'refresh_token',
        'spawn_rule',
        'species',
        'vendor_item',
        'zone',
        'zone_adjacency',
      ]);
    },
    TIMEOUT,
  );

  it(
    'creates the database when the server does not have it yet',
    async () => {
      const name = `aether_missing_${randomBytes(6).toString('hex')}`;
      const url = withDatabase(testServerUrl(), name);
      cleanups.push(() => query(testServerUrl(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      expect((await migrate(url)).applied.length).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    "recognises a database migrated by Prisma's schema engine, and the engine recognises ours",
    async () => {
      const names = (await readMigrationList(DEFAULT_MIGRATIONS_DIR)).migrationDirectories.map((m) => m.path);
      const byEngine = await emptyDatabase();
      cleanups.push(byEngine.drop);
      const byRunner = await emptyDatabase();
      cleanups.push(byRunner.drop);

      expect(await migrateWithPrismaEngine(byEngine.url)).toEqual(names);
      const engineHistory = await historyOf(byEngine.url);
      expect(await migrate(byEngine.url)).toEqual({ applied: [] });
      expect(await historyOf(byEngine.url)).toEqual(engineHistory);

      expect(await migrate(byRunner.url)).toEqual({ applied: names });
      expect(await migrateWithPrismaEngine(byRunner.url)).toEqual([]);
      // The same table, column for column, and the same rows but for times and ids.
      expect(await historyColumnsOf(byRunner.url)).toEqual(await historyColumnsOf(byEngine.url));
      const comparable = (rows: HistoryRow[]) => rows.map((row) => ({ ...row, finished_at: row.finished_at instanceof Date }));
      expect(comparable(await historyOf(byRunner.url))).toEqual(comparable(engineHistory));
    },
    TIMEOUT,
  );

  it(
    'serialises concurrent runs on one empty database: both succeed and each migration is applied once',
    async () => {
      const db = await emptyDatabase();
      cleanups.push(db.drop);
      const names = (await readMigrationList(DEFAULT_MIGRATIONS_DIR)).migrationDirectories.map((m) => m.path);

      const results = await Promise.all([migrate(db.url), migrate(db.url)]);

      expect(results.map((result) => result.applied).sort((a, b) => b.length - a.length)).toEqual([names, []]);
      expect((await historyOf(db.url)).map((row) => row.migration_name)).toEqual(names);
    },
    TIMEOUT,
  );

  describe('with a migration of our own', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'aether-migrations-'));
      await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
    });
    const addMigration = async (name: string, sql: string) => {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 'migration.sql'), sql);
    };

    it(
      'runs a script with semicolons inside strings and function bodies as written',
      async () => {
        await addMigration(
          '29990101000000_tricky',
          `INSERT INTO zone (id, name, min_x, min_y, max_x, max_y, spawn_x, spawn_y) VALUES ('zone-x', 'a; b', 0, 0, 1, 1, 0, 0);
CREATE FUNCTION aether_noop() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;
`,
        );
        const db = await emptyDatabase();
        cleanups.push(db.drop);

        await migrate(db.url, { migrationsDir: dir });

        expect(await query(db.url, "SELECT name FROM zone WHERE id = 'zone-x'")).toEqual([{ name: 'a; b' }]);
        expect(await query(db.url, 'SELECT aether_noop() AS one')).toEqual([{ one: 1 }]);
      },
      TIMEOUT,
    );

    it(
      'rolls a failing migration back as a whole, records the failure, and refuses to go on until it is resolved',
      async () => {
        await addMigration('29990101000000_broken', 'CREATE TABLE half_done (id int);\nSELECT 1 / 0;\n');
        const db = await emptyDatabase();
        cleanups.push(db.drop);

        const error = await migrateError(db.url, dir);
        expect(error).toMatch(/could not migrate/);
        expect(error).toMatch(/migration 29990101000000_broken failed and was rolled back: division by zero/);

        expect(await query(db.url, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
        const failed = await query<{ migration_name: string; finished_at: Date | null; logs: string | null }>(
          db.url,
          "SELECT migration_name, finished_at, logs FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'",
        );
        expect(failed).toHaveLength(1);
        expect(failed[0]?.finished_at).toBeNull();
        expect(failed[0]?.logs).toMatch(/division by zero/);
        // The migrations before it are applied and recorded as finished.
        const finished = await query<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
        expect(finished[0]?.n).toBe((await readMigrationList(DEFAULT_MIGRATIONS_DIR)).migrationDirectories.length);

        // Like `prisma migrate deploy`: a failed migration blocks until someone resolves it.
        expect(await migrateError(db.url, dir)).toMatch(/migration 29990101000000_broken failed or was interrupted/);

        // Resolved as docs/database.md says: fix the file, mark the failure rolled back.
        await writeFile(join(dir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\n');
        await query(db.url, "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '29990101000000_broken' AND finished_at IS NULL");
        expect(await migrate(db.url, { migrationsDir: dir })).toEqual({ applied: ['29990101000000_broken'] });
        expect(await query(db.url, "SELECT to_regclass('half_done')::text AS t")).toEqual([{ t: 'half_done' }]);
      },
      TIMEOUT,
    );

    it(
      'refuses, naming the migration, when an applied migration.sql was changed',
      async () => {
        await addMigration('29990101000000_extra', 'CREATE TABLE extra (id int);\n');
        const db = await emptyDatabase();
        cleanups.push(db.drop);
        await migrate(db.url, { migrationsDir: dir });

        await writeFile(join(dir, '29990101000000_extra', 'migration.sql'), 'CREATE TABLE extra (id bigint);\n');
        await addMigration('29990102000000_later', 'CREATE TABLE later (id int);\n');

        expect(await migrateError(db.url, dir)).toMatch(/migration 29990101000000_extra was changed after it was applied/);
        expect(await query(db.url, "SELECT to_regclass('later') AS t")).toEqual([{ t: null }]);
      },
      TIMEOUT,
    );

    it(
      'accepts an applied migration.sql whose line endings alone were converted, as Prisma does',
      async () => {
        await addMigration('29990101000000_extra', 'CREATE TABLE extra (id int);\nCREATE TABLE extra2 (id int);\n');
        const db = await emptyDatabase();
        cleanups.push(db.drop);
        await migrate(db.url, { migrationsDir: dir });

        await writeFile(join(dir, '29990101000000_extra', 'migration.sql'), 'CREATE TABLE extra (id int);\r\nCREATE TABLE extra2 (id int);\r\n');

        expect(await migrate(db.url, { migrationsDir: dir })).toEqual({ applied: [] });
      },
      TIMEOUT,
    );

    it(
      'refuses, naming the migration, when the database has one the folder does not know',
      async () => {
        await addMigration('29990101000000_newer', 'CREATE TABLE newer (id int);\n');
        const db = await emptyDatabase();
        cleanups.push(db.drop);
        await migrate(db.url, { migrationsDir: dir });

        expect(await migrateError(db.url)).toMatch(/has migration 29990101000000_newer applied, but there is no such migration folder/);
      },
      TIMEOUT,
    );
  });

  it(
    'has migrations that match schema.prisma (run `node scripts/db/diff.mjs <name>` if this fails)',
    async () => {
      expect(await diffMigrationsToSchema({ shadowServerUrl: testServerUrl() })).toBeNull();
      const leftovers = await query(testServerUrl(), "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
      expect(leftovers).toEqual([]);
    },
    TIMEOUT,
  );
});
