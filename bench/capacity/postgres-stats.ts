import { createDatabase, type Database } from '@aether/shared/db';

/** PostgreSQL work for the bench database over a window, per second. */
export interface PostgresTraffic {
  /** Transactions committed (xact_commit): every statement outside an explicit transaction is one, reads included. */
  commitsPerSecond: number;
  /** Rows inserted, updated and deleted (tup_inserted + tup_updated + tup_deleted). */
  rowsWrittenPerSecond: number;
  rowsInsertedPerSecond: number;
  rowsUpdatedPerSecond: number;
  rowsDeletedPerSecond: number;
  /** WAL written by the whole server (pg_current_wal_lsn), bytes: the bench database is the only busy one. */
  walBytesPerSecond: number;
}

interface Counters {
  at: number;
  commits: number;
  inserted: number;
  updated: number;
  deleted: number;
  wal: number;
}

interface StatsRow {
  xact_commit: bigint;
  tup_inserted: bigint;
  tup_updated: bigint;
  tup_deleted: bigint;
  wal: string;
}

/**
 * pg_stat_database of the bench database (and the server's WAL position) at
 * both ends of a window. Backends report their counts when they go idle, at
 * most once a second, so the edges of a window are blurred by about that;
 * the probe's own two queries are counted too (noise).
 */
export class PostgresStatsWindow {
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly database: Database,
    private readonly start: Counters,
  ) {}

  static async begin(databaseUrl: string): Promise<PostgresStatsWindow> {
    const database = createDatabase(databaseUrl, { poolSize: 1 });
    try {
      return new PostgresStatsWindow(database, await read(database));
    } catch (error) {
      await database.close().catch(() => {});
      throw new Error('cannot read pg_stat_database for the bench database', { cause: error });
    }
  }

  async finish(): Promise<PostgresTraffic> {
    try {
      const end = await read(this.database);
      const seconds = (end.at - this.start.at) / 1000;
      const rate = (field: keyof Omit<Counters, 'at'>) => (end[field] - this.start[field]) / seconds;
      return {
        commitsPerSecond: rate('commits'),
        rowsWrittenPerSecond: rate('inserted') + rate('updated') + rate('deleted'),
        rowsInsertedPerSecond: rate('inserted'),
        rowsUpdatedPerSecond: rate('updated'),
        rowsDeletedPerSecond: rate('deleted'),
        walBytesPerSecond: rate('wal'),
      };
    } finally {
      await this.close();
    }
  }

  /** Once, however often it is called. */
  close(): Promise<void> {
    return (this.closing ??= this.database.close().catch(() => {}));
  }
}

async function read({ client }: Database): Promise<Counters> {
  const rows = await client.$queryRaw<StatsRow[]>`
    SELECT xact_commit, tup_inserted, tup_updated, tup_deleted, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS wal
    FROM pg_stat_database WHERE datname = current_database()`;
  const row = rows[0];
  if (!row) throw new Error('pg_stat_database has no row for the current database');
  return {
    at: performance.now(),
    commits: Number(row.xact_commit),
    inserted: Number(row.tup_inserted),
    updated: Number(row.tup_updated),
    deleted: Number(row.tup_deleted),
    wal: Number(row.wal),
  };
}
