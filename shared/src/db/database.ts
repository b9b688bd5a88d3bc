import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Registry } from 'prom-client';
import { databasePoolMetrics } from '../observability/dependency-metrics.js';
import { PrismaClient } from './generated/client.js';

export type { PrismaClient };

export interface Database {
  readonly client: PrismaClient;
  /** Closes the pool; the client must not be used afterwards. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** An idle pooled connection failed (e.g. the server restarted); the pool replaces it. */
  onPoolError?: (error: Error) => void;
  /** Pool size, waiters and query time go here (docs/metrics.md, "Dependencies"). */
  metrics?: Registry;
}

/** Prisma Client 7 over node-postgres: no engine binary, only the pg driver. */
export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  // Our own pool rather than the adapter's, so its counts can be read; the adapter still ends it on disconnect.
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  if (options.metrics) databasePoolMetrics(options.metrics, pool);
  const adapter = new PrismaPg(pool, { onPoolError: options.onPoolError ?? (() => {}), disposeExternalPool: true });
  const client = new PrismaClient({ adapter });
  return {
    client,
    close: () => client.$disconnect(),
  };
}
