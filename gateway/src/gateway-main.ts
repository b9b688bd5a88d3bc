import { hostname } from 'node:os';
import { Channels, HeartbeatPublisher } from '@aether/shared';
import { createSocketIoRedisAdapter, createServiceBus } from '@aether/shared/bus/redis';
import { CommonEnv, parseEnv } from '@aether/shared/config';
import { configOrExit, runService, stopOnSignals } from '@aether/shared/process';
import { createDatabase, PrismaAccountRepository, PrismaCharacterRepository, PrismaZoneRepository } from '@aether/shared/db';
import { createLogger, createMetricsRegistry } from '@aether/shared/observability';
import { z } from 'zod';
import { GatewayServer } from './gateway-server.js';
import { registryRoutes } from './http/registry-routes.js';
import { DatabaseAccountStore, DatabaseCharacterDirectory } from './persistence/database-directory.js';
import { AssignmentWatch } from './routing/assignment-watch.js';

const GatewayEnv = CommonEnv.extend({
  // Only dev accounts exist so far; refusing other modes at start-up keeps a
  // deployment from believing it runs with real authentication.
  AUTH_MODE: z.literal('dev', { error: 'only "dev" is available in this version (jwt and password are not built yet)' }).default('dev'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://'),
});

/**
 * Composition root of a gateway in distributed mode (`npm run start:gateway`):
 * holds players' sockets, routes their input to whichever server owns their
 * zone, and keeps them connected through border crossings and failovers.
 */
async function main(): Promise<void> {
  const env = configOrExit('gateway', () => parseEnv(GatewayEnv, process.env));
  const gatewayId = env.SERVER_ID ?? `gateway-${hostname()}`;
  const logger = createLogger({ level: env.LOG_LEVEL, base: { serverId: gatewayId, service: 'gateway' }, ...(env.LOG_PRETTY ? { pretty: env.LOG_PRETTY === '1' } : {}) });
  const metrics = createMetricsRegistry();
  const { bus, registry } = createServiceBus(gatewayId, env.REDIS_URL, logger);
  const database = createDatabase(env.DATABASE_URL, { onPoolError: (error) => logger.warn({ err: error }, 'database connection lost') });
  const characters = new PrismaCharacterRepository(database.client);
  const zones = new PrismaZoneRepository(database.client);
  const socketAdapter = createSocketIoRedisAdapter(env.REDIS_URL);

  const server = new GatewayServer({
    gatewayId,
    port: env.GATEWAY_PORT,
    authMode: env.AUTH_MODE,
    bus,
    accounts: new DatabaseAccountStore(new PrismaAccountRepository(database.client)),
    characters: new DatabaseCharacterDirectory(characters),
    registry: metrics,
    logger,
    adapter: socketAdapter.adapter,
    locate: async (characterId) => (await registry.getLocation(characterId))?.zoneId,
    facts: { mode: 'distributed', tickRate: env.TICK_RATE, zones: () => [] },
    routes: [registryRoutes(registry, async () => (await zones.listZones()).map((zone) => zone.id))],
  });
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
