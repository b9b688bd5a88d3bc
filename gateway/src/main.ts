import { join, resolve } from 'node:path';
import { CommonEnv, parseEnv } from '@aether/shared/config';
import { configOrExit, runService, stopOnSignals } from '@aether/shared/process';
import { startEmbeddedPostgres } from '@aether/shared/db';
import { createLogger } from '@aether/shared/observability';
import { hostname } from 'node:os';
import { z } from 'zod';
import { startEmbedded } from './embedded.js';

/**
 * Composition root of `make dev` / `npm start`: the whole game in one process.
 * Without DATABASE_URL it runs its own PostgreSQL with data under DATA_DIR.
 */
async function main(): Promise<void> {
  const env = configOrExit('embedded', () =>
    parseEnv(CommonEnv.extend({ AUTH_MODE: z.literal('dev', { error: 'only "dev" is available in this version' }).default('dev') }), process.env),
  );
  const serverId = env.SERVER_ID ?? `embedded-${hostname()}`;
  const logger = createLogger({
    level: env.LOG_LEVEL,
    base: { serverId, service: 'embedded' },
    ...(env.LOG_PRETTY ? { pretty: env.LOG_PRETTY === '1' } : {}),
  });
  if (env.REDIS_URL) {
    logger.fatal('REDIS_URL is set, but this entry point runs the embedded (single-process) mode; unset REDIS_URL');
    process.exit(2);
  }

  const stops: Array<() => Promise<void>> = [];
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = resolve(join(env.DATA_DIR, 'postgres'));
    logger.info({ dataDir }, 'no DATABASE_URL: starting the embedded PostgreSQL');
    const postgres = await startEmbeddedPostgres({ dataDir, log: (line) => logger.debug({ component: 'postgres' }, line) });
    stops.unshift(() => postgres.stop());
    databaseUrl = postgres.url;
  }

  const server = await startEmbedded({ port: env.GATEWAY_PORT, databaseUrl, tickRate: env.TICK_RATE, serverId, logger });
  stops.unshift(() => server.close());
  logger.info({ url: `http://localhost:${server.port}` }, 'Aether is running: open the URL in a browser');

  stopOnSignals(logger, 'shutting down', stops);
}

runService('embedded', main);
