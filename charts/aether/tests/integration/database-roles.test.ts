import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, DEFAULT_MIGRATIONS_DIR, migrate, PrismaAccountRepository, seedAll, withDatabase } from '@aether/shared/db';
import { chart } from '../helpers.js';

// The two database roles of docs/operations.md ("Database roles"), created by
// the chart's files/database-roles.sql (the SQL the docs show and evaluation
// mode's PostgreSQL runs at init) on a real PostgreSQL: the migrator migrates
// and seeds as the chart's Job does; the runtime role then works as the
// gateways and zone servers do, and cannot change the schema.

const INSUFFICIENT_PRIVILEGE = '42501';

/** What psql does with -v: :"name" becomes a quoted identifier, :'name' a quoted literal. */
function withVariables(sql: string, variables: Record<string, string>): string {
  return sql.replace(/:(["'])([a-z_]+)\1/g, (_match, quote: string, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new Error(`database-roles.sql uses :${quote}${name}${quote}, which the test does not set`);
    return quote === '"' ? `"${value.replaceAll('"', '""')}"` : `'${value.replaceAll("'", "''")}'`;
  });
}

function asRole(url: string, role: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = 'unused-with-trust-auth';
  return parsed.toString();
}

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe('database roles from files/database-roles.sql on a real PostgreSQL', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `aether_roles_${suffix}`;
  const migrator = `aether_migrator_${suffix}`;
  const runtime = `aether_app_${suffix}`;
  const server = process.env.TEST_DATABASE_URL!;
  const admin = withDatabase(server, database);
  const migratorUrl = asRole(admin, migrator);
  const runtimeUrl = asRole(admin, runtime);
  let migrations: string;

  beforeAll(async () => {
    await query(withDatabase(server, 'postgres'), `CREATE DATABASE "${database}"`);
    const sql = await readFile(`${chart}files/database-roles.sql`, 'utf8');
    await query(admin, withVariables(sql, { database, migrator, runtime, migrator_password: 'm-secret', runtime_password: 'r-secret' }));
    migrations = await mkdtemp(join(tmpdir(), 'aether-roles-'));
  });

  afterAll(async () => {
    await query(withDatabase(server, 'postgres'), `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
    for (const role of [migrator, runtime]) await query(withDatabase(server, 'postgres'), `DROP ROLE IF EXISTS "${role}"`).catch(() => {});
    if (migrations) await rm(migrations, { recursive: true, force: true });
  });

  it('the runtime role cannot run the migrations', async () => {
    await expect(migrate(runtimeUrl)).rejects.toThrow();
    expect((await query(admin, "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n).toBe(0);
  });

  it('the migrator migrates and seeds, as the chart’s Job does, and owns every table', async () => {
    const { applied } = await migrate(migratorUrl);
    expect(applied.length).toBeGreaterThan(0);
    const db = createDatabase(migratorUrl, { poolSize: 2 });
    try {
      await seedAll(db);
    } finally {
      await db.close();
    }
    const owners = await query(admin, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'");
    expect(owners.rows.map((row) => row.tableowner)).toEqual([migrator]);
  });

  it('the runtime role reads and writes rows of every table, as the gateways and zone servers do', async () => {
    const tables = await query(
      runtimeUrl,
      `SELECT tablename,
              has_table_privilege(current_user, format('public.%I', tablename), 'SELECT, INSERT, UPDATE, DELETE') AS dml,
              has_table_privilege(current_user, format('public.%I', tablename), 'TRUNCATE') AS truncate
         FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(tables.rows.length).toBeGreaterThan(5);
    for (const row of tables.rows) expect(row).toEqual({ tablename: row.tablename, dml: true, truncate: false });

    const db = createDatabase(runtimeUrl, { poolSize: 2 });
    try {
      const account = await new PrismaAccountRepository(db.client).findOrCreateByUsername(`roles-${suffix}`);
      expect(account.username).toBe(`roles-${suffix}`);
    } finally {
      await db.close();
    }
  });

  it.each([
    ['create a table', 'CREATE TABLE intruder (id int)'],
    ['drop a table', 'DROP TABLE "_prisma_migrations"'],
    ['alter a table', 'ALTER TABLE "_prisma_migrations" ADD COLUMN intruder int'],
    ['empty a table', 'TRUNCATE "_prisma_migrations"'],
    ['create a temporary table', 'CREATE TEMPORARY TABLE intruder (id int)'],
    ['create a role', 'CREATE ROLE intruder'],
  ])('the runtime role cannot %s', async (_name, statement) => {
    await expect(query(runtimeUrl, statement)).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  });

  it('a later migration’s tables are the runtime role’s to use too (default privileges)', async () => {
    await cp(DEFAULT_MIGRATIONS_DIR, migrations, { recursive: true });
    await mkdir(join(migrations, '99990101000000_roles_test'));
    await writeFile(
      join(migrations, '99990101000000_roles_test', 'migration.sql'),
      'CREATE TABLE "roles_test" ("id" SERIAL PRIMARY KEY, "note" TEXT NOT NULL);\n',
    );
    expect((await migrate(migratorUrl, { migrationsDir: migrations })).applied).toEqual(['99990101000000_roles_test']);
    await query(runtimeUrl, `INSERT INTO roles_test (note) VALUES ('written by the runtime role')`);
    expect((await query(runtimeUrl, 'SELECT note FROM roles_test')).rows).toEqual([{ note: 'written by the runtime role' }]);
    await query(runtimeUrl, 'DELETE FROM roles_test');
  });
});
