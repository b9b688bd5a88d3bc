import { createHash } from 'node:crypto';

/** One migration folder as the runner sees it. */
export interface MigrationScript {
  name: string;
  /** The contents of migration.sql. */
  script: string;
}

/** The columns of a `_prisma_migrations` row the plan looks at. */
export interface MigrationHistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** The database's history does not fit the migration files; nothing was applied. */
export class MigrationHistoryError extends Error {
  constructor(
    message: string,
    /** The migration the problem is about. */
    readonly migrationName: string,
  ) {
    super(message);
    this.name = 'MigrationHistoryError';
  }
}

/** What Prisma records as `checksum`: the SHA-256 of migration.sql, in hex. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * Whether `script` is what was applied. Like Prisma, a file whose line endings
 * were converted (git's autocrlf on Windows) still matches: the SQL is the same.
 */
export function checksumMatches(script: string, checksum: string): boolean {
  return (
    migrationChecksum(script) === checksum ||
    migrationChecksum(script.replace(/\r\n/g, '\n')) === checksum ||
    migrationChecksum(script.replace(/\r?\n/g, '\r\n')) === checksum
  );
}

/**
 * The migrations still to apply, in folder order, after checking that the
 * history agrees with the files. Refuses (MigrationHistoryError) when a
 * migration failed and was not resolved, when an applied migration's file
 * changed, or when the database has a migration the files do not know
 * (an older build than the database). Rows marked rolled back are ignored,
 * as Prisma ignores them: that is how a failed migration is resolved.
 */
export function planMigrations(files: readonly MigrationScript[], history: readonly MigrationHistoryRow[]): MigrationScript[] {
  const byName = new Map(files.map((file) => [file.name, file]));
  const finished = new Set<string>();
  for (const row of history) {
    if (row.rolled_back_at !== null) continue;
    const name = row.migration_name;
    if (row.finished_at === null) {
      throw new MigrationHistoryError(
        `migration ${name} failed or was interrupted and has not been resolved; see its logs in _prisma_migrations, ` +
          `undo what it did, then mark it rolled back (UPDATE _prisma_migrations SET rolled_back_at = now() ` +
          `WHERE migration_name = '${name}' AND finished_at IS NULL) so that it is applied again`,
        name,
      );
    }
    const file = byName.get(name);
    if (!file) {
      throw new MigrationHistoryError(
        `the database has migration ${name} applied, but there is no such migration folder: ` +
          'the database is newer than this build, or a migration folder was deleted or renamed',
        name,
      );
    }
    if (!checksumMatches(file.script, row.checksum)) {
      throw new MigrationHistoryError(
        `migration ${name} was changed after it was applied (the checksum of its migration.sql differs from ` +
          'the one recorded): restore the file as it was, and put the change in a new migration',
        name,
      );
    }
    finished.add(name);
  }
  return files.filter((file) => !finished.has(file.name));
}
