import { join, resolve } from 'node:path';
import { CommonEnv, parseEnv } from '@aether/shared/config';
import { configOrExit, runService, stopOnSignals } from '@aether/shared/process';
import { createLogger } from '@aether/shared/observability';
import { hostname } from 'node:os';
import { AUTH_ENV_SHAPE, authOptionsFromEnv, checkAuthEnv, LimitsEnv, limitsFrom, loadOrCreateTokenSecret, OpsEnv } from '@aether/gateway';
import { startEmbedded } from './embedded.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * Composition root of `make dev` / `npm start`: the whole game in one process.
 * Without DATABASE_URL it runs its own PostgreSQL with data under DATA_DIR.
 */
async function main(): Promise<void> {
  // AUTH_MODE (docs/operations.md, "Authentication"): dev login only with ALLOW_DEV_LOGIN=1 (`make dev` sets it); password mode keeps its token secret under DATA_DIR.
  const env = configOrExit('embedded', () =>
    parseEnv(
      CommonEnv.extend({ METRICS_HOST: OpsEnv.shape.METRICS_HOST })
        .extend(LimitsEnv.shape)
        .extend(AUTH_ENV_SHAPE)
        .superRefine((env, context) => checkAuthEnv(env, context, { distributed: false })),
      process.env,
    ),
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

  let tokenSecret: string | undefined;
  if (env.AUTH_MODE === 'password' && !env.AUTH_TOKEN_SECRET) {
    const path = resolve(join(env.DATA_DIR, 'auth-token-secret'));
    const loaded = await loadOrCreateTokenSecret(path);
    if (loaded.created) logger.info({ path }, 'made a token secret for password login (kept for the next start)');
    tokenSecret = loaded.secret;
  }
  const auth = authOptionsFromEnv(env, tokenSecret ? { tokenSecret } : {});
  if (auth.mode === 'dev') logger.warn('AUTH_MODE=dev (ALLOW_DEV_LOGIN=1): anyone can log in as anyone; for a development machine only');

  const host = env.GATEWAY_HOST ?? '127.0.0.1';
  const server = await startEmbedded({
    port: env.GATEWAY_PORT,
    host,
    databaseUrl,
    tickRate: env.TICK_RATE,
    serverId,
    logger,
    auth,
    limits: limitsFrom(env),
    // /metrics only when asked for (METRICS_PORT): on a laptop nobody scrapes it. Loopback unless METRICS_HOST says otherwise.
    ...(env.METRICS_PORT !== undefined ? { ops: { port: env.METRICS_PORT, host: env.METRICS_HOST ?? host } } : {}),
  });
  stops.unshift(() => server.close());
  const everywhere = host === '0.0.0.0' || host === '::';
  const shown = everywhere || host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
  logger.info(
    { url: `http://${shown}:${server.port}`, host, reachableFrom: everywhere ? 'every interface' : 'this address only' },
    'Aether is running: open the URL in a browser',
  );

  stopOnSignals(logger, 'shutting down', stops);
}

runService('embedded', main);
