import { hostname } from 'node:os';
import { Channels, HeartbeatPublisher } from '@aether/shared';
import { createSocketIoRedisAdapter } from '@aether/shared/bus/redis';
import { CommonEnv, parseEnv } from '@aether/shared/config';
import { busCheck, configOrExit, createServiceBus, databaseCheck, runService, stopOnSignals } from '@aether/shared/process';
import { createDatabase, PrismaAccountRepository, PrismaCharacterRepository, PrismaRefreshTokenRepository, PrismaZoneRepository } from '@aether/shared/db';
import { createLogger, createMetricsRegistry, Readiness } from '@aether/shared/observability';
import { z } from 'zod';
import { AUTH_ENV_SHAPE, authOptionsFromEnv, checkAuthEnv } from './auth/auth-env.js';
import { createAuth } from './auth/create-auth.js';
import { GatewayServer } from './gateway-server.js';
import { OpsEnv } from './http/ops.js';
import { LimitsEnv, limitsFrom } from './limits/limits.js';
import { liveZones } from './http/live-zones.js';
import { registryRoutes } from './http/registry-routes.js';
import { runsWhileLeased, ZoneWaiters } from './session/zone-waiters.js';
import { DatabaseAccountStore, DatabaseCharacterDirectory } from './persistence/database-directory.js';
import { AssignmentWatch } from './routing/assignment-watch.js';

const GatewayEnv = CommonEnv.extend({
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://'),
})
  // The ops port (METRICS_PORT, default 9464; METRICS_HOST) and the abuse limits (LIMIT_*, docs/security.md).
  .extend(OpsEnv.shape)
  .extend(LimitsEnv.shape)
  // AUTH_MODE and its settings (docs/operations.md, "Authentication"); dev login only with ALLOW_DEV_LOGIN=1, and password
  // mode needs AUTH_TOKEN_SECRET, since every gateway must accept the others' access tokens.
  .extend(AUTH_ENV_SHAPE)
  .superRefine((env, context) => checkAuthEnv(env, context, { distributed: true }));

/**
 * Composition root of a gateway in distributed mode (`npm run start:gateway`):
 * holds players' sockets, routes their input to whichever server owns their
 * zone, and keeps them connected through border crossings and failovers.
 */
async function main(): Promise<void> {
  const env = configOrExit('gateway', () => parseEnv(GatewayEnv, process.env));
  const gatewayId = env.SERVER_ID ?? `gateway-${hostname()}`;
  const logger = createLogger({
    level: env.LOG_LEVEL,
    base: { serverId: gatewayId, service: 'gateway' },
    ...(env.LOG_PRETTY ? { pretty: env.LOG_PRETTY === '1' } : {}),
  });
  const metrics = createMetricsRegistry();
  const { bus, registry } = createServiceBus(gatewayId, env.REDIS_URL, logger, { cluster: env.REDIS_CLUSTER === '1', metrics });
  const database = createDatabase(env.DATABASE_URL, { onPoolError: (error) => logger.warn({ err: error }, 'database connection lost'), metrics });
  const characters = new PrismaCharacterRepository(database.client);
  const zones = new PrismaZoneRepository(database.client);
  // The adapter's failed commands (a broadcast while Redis is away): a warning at most every 10 s, with how many.
  let adapterFailures = 0;
  let adapterReportedAt = 0;
  const socketAdapter = createSocketIoRedisAdapter(env.REDIS_URL, {
    cluster: env.REDIS_CLUSTER === '1',
    onCommandError: (error) => {
      adapterFailures += 1;
      if (Date.now() - adapterReportedAt < 10_000) return;
      logger.warn({ err: error, failures: adapterFailures }, 'Socket.IO Redis adapter commands failed');
      adapterReportedAt = Date.now();
      adapterFailures = 0;
    },
  });
  const accounts = new PrismaAccountRepository(database.client);
  const isRunning = runsWhileLeased(registry);
  const zoneIds = async () => (await zones.listZones()).map((zone) => zone.id);
  // /ready: the bus and the database answer; the kubelet takes the gateway out of the Service while either does not.
  const readiness = new Readiness([busCheck(bus, gatewayId), databaseCheck(database)]);
  // Logging out also revokes the account's resume token, on whichever gateway holds it (the registry is shared).
  let revokeSessions: (accountId: string) => Promise<void> = async () => {};
  const auth = createAuth(authOptionsFromEnv(env), {
    accounts,
    refreshTokens: new PrismaRefreshTokenRepository(database.client),
    registry: metrics,
    logger,
    onLogout: (accountId) => revokeSessions(accountId),
  });
  if (auth.mode === 'dev') logger.warn('AUTH_MODE=dev (ALLOW_DEV_LOGIN=1): anyone can log in as anyone; never expose this gateway to the internet');

  const server = new GatewayServer({
    gatewayId,
    port: env.GATEWAY_PORT,
    ...(env.GATEWAY_HOST ? { host: env.GATEWAY_HOST } : {}),
    authenticator: auth.authenticator,
    clientIp: auth.clientIp,
    bus,
    accounts: new DatabaseAccountStore(accounts),
    characters: new DatabaseCharacterDirectory(characters),
    registry: metrics,
    logger,
    adapter: socketAdapter.adapter,
    locate: async (characterId) => (await registry.getLocation(characterId))?.zoneId,
    facts: {
      mode: 'distributed',
      tickRate: env.TICK_RATE,
      zones: liveZones({ zoneIds, isRunning, logger }),
      ready: () => readiness.report(),
      auth: { mode: auth.mode },
    },
    zoneWaiters: new ZoneWaiters({ isRunning, logger }),
    routes: [auth.routes],
    // The operators' port (METRICS_PORT, default 9464): /metrics and the registry listings, never on the players' port.
    ops: { port: env.METRICS_PORT, ...(env.METRICS_HOST ? { host: env.METRICS_HOST } : {}) },
    limits: limitsFrom(env),
    opsRoutes: [registryRoutes(registry, zoneIds)],
  });
  revokeSessions = (accountId) => server.revokeSessions(accountId);
  const watch = new AssignmentWatch(
    registry,
    bus,
    async (zoneId) => {
      const players = server.charactersByZone().get(zoneId) ?? [];
      for (const { characterId, sessionId } of players) await bus.publish(Channels.zoneInput(zoneId), 'player.join', { characterId, gatewayId, sessionId });
      return players.length;
    },
    logger,
  );
  const heartbeat = new HeartbeatPublisher(
    gatewayId,
    registry,
    () => ({ type: 'gateway', zones: [], players: server.players, tickP99Ms: 0 }),
    (error) => logger.warn({ err: error }, 'heartbeat failed'),
  );

  await server.start();
  await watch.start();
  await heartbeat.start();
  logger.info({ port: server.port }, 'gateway running');

  stopOnSignals(logger, 'shutting down', [
    () => heartbeat.stop(),
    () => watch.stop(),
    () => server.stop(),
    () => socketAdapter.close(),
    () => bus.close(),
    () => database.close(),
  ]);
}

runService('gateway', main);
