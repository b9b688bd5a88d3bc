import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { withDatabase } from '@aether/shared/db';

/**
 * The driver adapter the schema engine migrates through: PrismaPg with three
 * fixes that matter for migrations (see docs/database.md):
 *
 * - PrismaPg's executeScript splits the script on every ";" and sends the
 *   pieces one by one, possibly over different pooled connections; a
 *   semicolon inside a string or function body breaks it, and a failing
 *   statement leaves the earlier ones applied. Here the whole file goes to
 *   PostgreSQL as one simple query, which it runs as one implicit transaction.
 * - PrismaPg's shadow database is named by `database` next to a
 *   `connectionString`, which pg ignores (the string wins), and it is dropped
 *   while its pool is still connected, which PostgreSQL refuses. Here the
 *   shadow gets its own URL and is dropped after its pool has closed.
 * - PrismaPg rejects result columns of PostgreSQL's one-byte "char" type,
 *   which the engine's catalog queries return (pg_constraint.contype and
 *   friends) when it describes a database, e.g. the shadow database of a
 *   diff. Here they pass PrismaPg as text and reach the engine typed as
 *   Character, which is what its describer reads them as.
 */
export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  private readonly pool: pg.Pool;
  private readonly cleanups = new Set<() => Promise<void>>();

  constructor(private readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle client losing its server must not crash the process; the next query reports it.
    this.pool.on('error', () => {});
  }

  async connect(): Promise<SqlDriverAdapter> {
    return wholeScriptAdapter(await new PrismaPg(charAsText(this.pool)).connect(), this.pool, async () => {});
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await this.pool.query(`CREATE DATABASE "${name}"`);
    const shadowPool = new pg.Pool({ connectionString: withDatabase(this.url, name), max: 2 });
    shadowPool.on('error', () => {});
    const drop = async () => {
      this.cleanups.delete(drop);
      await shadowPool.end();
      await this.pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    this.cleanups.add(drop);
    return wholeScriptAdapter(await new PrismaPg(charAsText(shadowPool)).connect(), shadowPool, drop);
  }

  /** Drops shadow databases the engine did not dispose of and closes every connection. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.cleanups].map((cleanup) => cleanup()));
    await this.pool.end();
  }
}

function wholeScriptAdapter(adapter: SqlDriverAdapter, pool: pg.Pool, release: () => Promise<void>): SqlDriverAdapter {
  let released = false;
  const wrapped: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: async (query) => restoreCharTypes(await adapter.queryRaw(query)),
    executeRaw: (query) => adapter.executeRaw(query),
    startTransaction: async (isolationLevel) => restoreCharTypesInTransaction(await adapter.startTransaction(isolationLevel)),
    executeScript: async (script) => {
      try {
        await pool.query(script);
      } catch (error) {
        throw toDriverAdapterError(error);
      }
    },
    dispose: async () => {
      if (released) return;
      released = true;
      await adapter.dispose();
      await release();
    },
  };
  const connectionInfo = adapter.getConnectionInfo?.bind(adapter);
  if (connectionInfo) wrapped.getConnectionInfo = connectionInfo;
  return wrapped;
}

const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * Which columns of a result were "char", keyed by the result's rows array:
 * PrismaPg hands that same array on in its own result, so the mark survives
 * the trip through it, and concurrent queries cannot mix their marks up.
 */
const charColumns = new WeakMap<unknown[], number[]>();

/** A view of the pool (and of the clients it lends) whose results label "char" columns as text. */
function charAsText<T extends pg.Pool | pg.PoolClient>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (property === 'query' && typeof value === 'function') {
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(object, args);
          return result instanceof Promise ? result.then(relabelChar) : result;
        };
      }
      if (property === 'connect' && typeof value === 'function' && object instanceof pg.Pool) {
        return async (...args: unknown[]) => {
          if (args.length > 0) return (value as (...a: unknown[]) => unknown).apply(object, args);
          return charAsText(await (object as pg.Pool).connect());
        };
      }
      return value;
    },
  });
}

function relabelChar<R>(result: R): R {
  const { fields, rows } = (result ?? {}) as Partial<pg.QueryResult>;
  if (!fields || !rows) return result;
  const marked: number[] = [];
  fields.forEach((field, index) => {
    if (field.dataTypeID === CHAR_OID) {
      field.dataTypeID = TEXT_OID;
      marked.push(index);
    }
  });
  if (marked.length > 0) charColumns.set(rows, marked);
  return result;
}

function restoreCharTypes(result: SqlResultSet): SqlResultSet {
  for (const index of charColumns.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
  return result;
}

function restoreCharTypesInTransaction(transaction: Transaction): Transaction {
  return new Proxy(transaction, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (property === 'queryRaw' && typeof value === 'function') {
        return async (query: SqlQuery) => restoreCharTypes(await object.queryRaw(query));
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** The engine prints a DriverAdapterError's message; other errors reach it only as an opaque id. */
function toDriverAdapterError(error: unknown): unknown {
  const e = error as Partial<pg.DatabaseError> & Error;
  if (typeof e.code === 'string' && typeof e.severity === 'string') {
    return new DriverAdapterError({
      kind: 'postgres',
      code: e.code,
      severity: e.severity,
      message: e.message,
      detail: e.detail,
      column: e.column,
      hint: e.hint,
    });
  }
  return error;
}
