import { hostname } from 'node:os';
import { CommonEnv, ConfigError, parseEnv } from '@aether/shared/config';
import { HeartbeatPublisher, Registry } from '@aether/shared';
import { RedisBus } from '@aether/shared/bus/redis';
import { createDatabase, PrismaZoneRepository } from '@aether/shared/db';
import { createLogger, createMetricsRegistry, startOpsServer } from '@aether/shared/observability';
import { z } from 'zod';
import { createZoneHost } from './game/create-zone-host.js';
import { OwnershipManager } from './ownership/ownership-manager.js';
import { DatabaseZoneCatalog } from './persistence/database-stores.js';
import { GatewayWatch } from './server/gateway-watch.js';

const ZoneEnv = CommonEnv.extend({
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://'),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Seconds between checkpoints of moved characters. */
  CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
});

/**
 * Composition root of a zone server (`npm run start:zone`): simulates the
 * zones it owns — those in ASSIGNED_ZONES, or those the operator assigns to
 * SERVER_ID — and gives them up the moment it cannot prove it still owns them.
 */
async function main(): Promise<void> {
  let env: z.infer<typeof ZoneEnv>;
  try {
    env = parseEnv(ZoneEnv, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`aether zone: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const serverId = env.SERVER_ID ?? hostname();
  const logger = createLogger({ level: env.LOG_LEVEL, base: { serverId, service: 'zone' }, ...(env.LOG_PRETTY ? { pretty: env.LOG_PRETTY === '1' } : {}) });
  const registryMetrics = createMetricsRegistry({ serverId });

  const bus = new RedisBus({
    source: serverId,
    url: env.REDIS_URL,
    onInvalid: (error, channel) => logger.error({ err: error, channel }, 'dropped an invalid bus message'),
    onHandlerError: (error, channel) => logger.error({ err: error, channel }, 'bus handler failed'),
    onConnectionChange: (change) => logger.info(change, 'redis connection'),
  });
  const registry = new Registry(bus, (key, error) => logger.warn({ key, err: error }, 'malformed registry value ignored'));
  const database = createDatabase(env.DATABASE_URL, { onPoolError: (error) => logger.warn({ err: error }, 'database connection lost') });
  const zoneRepository = new PrismaZoneRepository(database.client);
  const zones = await new DatabaseZoneCatalog(zoneRepository).listZones();
  const unknown = env.ASSIGNED_ZONES.filter((id) => !zones.some((zone) => zone.id === id));
  if (unknown.length > 0) {
    logger.fatal({ unknown, known: zones.map((zone) => zone.id) }, 'ASSIGNED_ZONES names zones that do not exist');
    process.exit(2);
  }

  let ownership: OwnershipManager | undefined;
  const host = await createZoneHost({
    serverId,
    database,
    bus,
    metrics: registryMetrics,
    logger,
    tickRate: env.TICK_RATE,
    checkpointIntervalMs: env.CHECKPOINT_INTERVAL_MS,
    onOwnershipLost: (zoneId) => ownership?.forget(zoneId),
  });
  ownership = new OwnershipManager({
    serverId,
    mode: env.ASSIGNED_ZONES.length > 0 ? { kind: 'static', zones: env.ASSIGNED_ZONES } : { kind: 'assigned' },
    zones: new Map(zones.map((zone) => [zone.id, zone])),
    registry,
    bus,
    fences: zoneRepository,
    simulator: host,
    logger,
  });
  const heartbeat = new HeartbeatPublisher(
    serverId,
    registry,
    () => ({ type: 'zone', zones: host.zoneIds, players: host.playerCount, tickP99Ms: host.tickP99Ms }),
    (error) => logger.warn({ err: error }, 'heartbeat failed'),
  );
  const republish = setInterval(
    () => void host.republishLocations().catch((error: unknown) => logger.warn({ err: error }, 'republishing player locations failed')),
    5_000,
  );
  const gatewayWatch = new GatewayWatch(registry, () => host.gatewayIds, (gatewayId) => host.dropGateway(gatewayId));
  const startedAt = Date.now();
  const ops = await startOpsServer({
    port: env.METRICS_PORT,
    registry: registryMetrics,
    health: () => ({
      status: 'ok',
      type: 'zone',
      serverId,
      timestamp: new Date().toISOString(),
      uptime: Math.round((Date.now() - startedAt) / 1000),
      zones: host.zoneIds,
      players: host.playerCount,
    }),
  });

  await host.start();
  await ownership.start();
  await heartbeat.start();
  gatewayWatch.start();
  logger.info({ mode: env.ASSIGNED_ZONES.length > 0 ? 'static' : 'assigned', zones: ownership.zones, metricsPort: ops.port }, 'zone server running');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: handing zones off');
    gatewayWatch.stop();
    clearInterval(republish);
    const steps = [() => ownership!.stop(), () => heartbeat.stop(), () => host.stop(), () => ops.close(), () => bus.close(), () => database.close()];
    for (const step of steps) await step().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const parts: string[] = [];
  for (let current = error; current && parts.length < 6; current = (current as { cause?: unknown }).cause) {
    parts.push(current instanceof Error ? current.message : String(current));
  }
  process.stderr.write(`aether zone: failed to start: ${parts.join(': ')}\n`);
  process.exit(1);
});
