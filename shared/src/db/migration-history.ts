import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { MigrationHistoryRow } from './migration-plan.js';
import { migrationChecksum } from './migration-plan.js';

/**
 * Prisma's own history table, column for column, so that a database migrated
 * by `prisma migrate deploy` (or by the schema engine we used to run) and one
 * migrated by our runner are the same to both.
 */
const HISTORY_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export async function ensureHistoryTable(client: pg.ClientBase): Promise<void> {
  await client.query(HISTORY_TABLE_DDL);
}

export async function readHistory(client: pg.ClientBase): Promise<MigrationHistoryRow[]> {
  const result = await client.query<MigrationHistoryRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name',
  );
  return result.rows;
}

/** A finished migration: Prisma counts a whole script as one step. Runs inside the migration's transaction. */
export async function recordApplied(client: pg.ClientBase, name: string, script: string): Promise<void> {
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
    [randomUUID(), migrationChecksum(script), name],
  );
}

/** A failed migration, as Prisma records one: unfinished, with the error in `logs`, blocking later runs. */
export async function recordFailed(client: pg.ClientBase, name: string, script: string, logs: string): Promise<void> {
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, applied_steps_count)
     VALUES ($1, $2, $3, $4, 0)`,
    [randomUUID(), migrationChecksum(script), name, logs],
  );
}
