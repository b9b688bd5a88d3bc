import { PrismaPg } from '@prisma/adapter-pg';
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
}

/** Prisma Client 7 over node-postgres: no engine binary, only the pg driver. */
export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const adapter = new PrismaPg({ connectionString: url, max: options.poolSize ?? 10 }, { onPoolError: options.onPoolError ?? (() => {}) });
  const client = new PrismaClient({ adapter });
  return {
    client,
    close: () => client.$disconnect(),
  };
}
