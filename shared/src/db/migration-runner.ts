import type pg from 'pg';
import { ensureHistoryTable, readHistory, recordApplied, recordFailed } from './migration-history.js';
import { planMigrations, type MigrationScript } from './migration-plan.js';

/**
 * The advisory lock Prisma's schema engine takes around `migrate deploy`.
 * Using the same key means our runner, an older build of ours (which ran the
 * engine) and the Prisma CLI all serialise against each other.
 */
export const MIGRATION_LOCK_KEY = 72707369;

/**
 * Applies the pending `migrations` (in the order given) on `client`'s
 * database, each in its own transaction together with its history row, under
 * the migration advisory lock. Returns the names applied, oldest first.
 *
 * A migration that fails is rolled back as a whole and recorded as failed
 * (unfinished, with the error in `logs`), which blocks later runs until it is
 * resolved, as with `prisma migrate deploy`. A process killed half-way leaves
 * nothing behind: the transaction, history row included, never committed.
 */
export async function runMigrations(
  client: pg.ClientBase,
  migrations: readonly MigrationScript[],
  log: (message: string) => void = () => {},
): Promise<string[]> {
  await acquireLock(client, log);
  try {
    await ensureHistoryTable(client);
    const pending = planMigrations(migrations, await readHistory(client));
    const applied: string[] = [];
    for (const migration of pending) {
      await applyOne(client, migration, log);
      applied.push(migration.name);
    }
    return applied;
  } finally {
    // Closing the session would release it too; unlocking lets a pooled or reused client go on.
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
  }
}

async function acquireLock(client: pg.ClientBase, log: (message: string) => void): Promise<void> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
  if (rows[0]?.locked) return;
  log('another process is migrating this database; waiting for it to finish');
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
}

async function applyOne(client: pg.ClientBase, migration: MigrationScript, log: (message: string) => void): Promise<void> {
  log(`applying migration ${migration.name}`);
  try {
    await client.query('BEGIN');
    // The whole file as one simple query: semicolons inside strings or
    // function bodies stay where they are, and PostgreSQL parses it as written.
    await client.query(migration.script);
    await recordApplied(client, migration.name, migration.script);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    const failure = new Error(`migration ${migration.name} failed and was rolled back: ${describe(error)}`, { cause: error });
    try {
      await recordFailed(client, migration.name, migration.script, describe(error));
    } catch (recordError) {
      throw new Error(`${failure.message}; recording the failure in _prisma_migrations failed too`, {
        cause: new AggregateError([error, recordError]),
      });
    }
    throw failure;
  }
}

/** The error as PostgreSQL reported it, with its SQLSTATE and where in the script it happened. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, position, detail, hint } = error as { code?: string; position?: string; detail?: string; hint?: string };
  return [
    error.message,
    code && `SQLSTATE ${code}`,
    position && `at character ${position} of migration.sql`,
    detail && `detail: ${detail}`,
    hint && `hint: ${hint}`,
  ]
    .filter(Boolean)
    .join('; ');
}
