import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_MIGRATIONS_DIR, diffMigrationsToSchema, migrate, readMigrationList, withDatabase } from '../../src/db/index.js';
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

      const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        db.url,
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY started_at',
      );
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
        'inventory_item',
        'item',
        'npc',
        'npc_dialogue_rule',
        'refresh_token',
        'spawn_rule',
        'species',
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
      'rolls a failing migration back as a whole, records the failure, and refuses to go on',
      async () => {
        await addMigration('29990101000000_broken', 'CREATE TABLE half_done (id int);\nSELECT 1 / 0;\n');
        const db = await emptyDatabase();
        cleanups.push(db.drop);

        await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(/could not migrate/);

        expect(await query(db.url, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
        const failed = await query<{ migration_name: string; finished_at: Date | null; logs: string | null }>(
          db.url,
          "SELECT migration_name, finished_at, logs FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'",
        );
        expect(failed).toHaveLength(1);
        expect(failed[0]?.finished_at).toBeNull();
        expect(failed[0]?.logs).toMatch(/division by zero/);
        // Like `prisma migrate deploy`: a failed migration blocks until someone resolves it.
        await expect(migrate(db.url, { migrationsDir: dir })).rejects.toThrow(/could not migrate/);
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
