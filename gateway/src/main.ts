import { join, resolve } from 'node:path';
import { CommonEnv, ConfigError, parseEnv } from '@aether/shared/config';
import { startEmbeddedPostgres } from '@aether/shared/db';
import { createLogger } from '@aether/shared/observability';
import { hostname } from 'node:os';
import { startEmbedded } from './embedded.js';

/**
 * Composition root of `make dev` / `npm start`: the whole game in one process.
 * Without DATABASE_URL it runs its own PostgreSQL with data under DATA_DIR.
 */
async function main(): Promise<void> {
  let env: CommonEnv;
  try {
    env = parseEnv(CommonEnv, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`aether: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
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

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const stop of stops) await stop().catch((error) => logger.error({ err: error }, 'shutdown step failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`aether: failed to start: ${formatError(error)}\n`);
  process.exit(1);
});

function formatError(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    parts.push(current instanceof Error ? current.message : String(current));
    if (parts.length > 5) break;
  }
  return parts.join(': ');
}
