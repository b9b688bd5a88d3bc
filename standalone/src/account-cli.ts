#!/usr/bin/env node
import { join, resolve } from 'node:path';
import { accountUsage, runAccountCommand, type OpenAccountDatabase } from '@aether/gateway';
import { createDatabase } from '@aether/shared/db';
import { describeErrorChain } from '@aether/shared/process';
import { DEFAULT_EMBEDDED_PORT, startEmbeddedPostgres } from './embedded-postgres.js';

// `npm run account`: the gateway's account command, which on a development machine also finds the database of `make dev`.
const USAGE = accountUsage(`Uses DATABASE_URL; without it, the
database of \`make dev\` (the running one on port ${DEFAULT_EMBEDDED_PORT}, or
the embedded PostgreSQL under DATA_DIR, default .data, started for the command).`);

const openDatabase: OpenAccountDatabase = async () => {
  const url = process.env.DATABASE_URL;
  if (url) return { database: createDatabase(url, { poolSize: 1 }), stop: async () => {} };
  // `make dev` running: its embedded PostgreSQL listens on loopback with fixed credentials (embedded-postgres.ts).
  const running = createDatabase(`postgresql://aether:aether@127.0.0.1:${DEFAULT_EMBEDDED_PORT}/aether`, { poolSize: 1 });
  try {
    await running.client.$queryRaw`SELECT 1`;
    return { database: running, stop: async () => {} };
  } catch {
    await running.close();
  }
  const dataDir = resolve(join(process.env.DATA_DIR ?? '.data', 'postgres'));
  const postgres = await startEmbeddedPostgres({ dataDir, log: () => {} });
  return { database: createDatabase(postgres.url, { poolSize: 1 }), stop: () => postgres.stop() };
};

runAccountCommand(process.argv.slice(2), USAGE, openDatabase).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`aether account: ${describeErrorChain(error)}\n`);
    process.exit(1);
  },
);
