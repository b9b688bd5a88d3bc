import { hostname } from 'node:os';
import { CommonEnv, parseEnv } from '@aether/shared/config';
import { configOrExit, createServiceBus, runService, stopOnSignals } from '@aether/shared/process';
import { HeartbeatPublisher, type ZoneLeaseRecord } from '@aether/shared';
import { createDatabase, PrismaZoneRepository } from '@aether/shared/db';
import { createLogger, createMetricsRegistry, startOpsServer } from '@aether/shared/observability';
import { z } from 'zod';
import { createZoneHost } from './game/create-zone-host.js';
import { OwnershipManager } from './ownership/ownership-manager.js';
import { OwnershipMetrics } from './ownership/ownership-metrics.js';
import { DatabaseZoneCatalog } from './persistence/database-stores.js';
import { GatewayWatch } from './server/gateway-watch.js';
import { IdleNotice, idleReason, type OwnershipMode } from './server/idle-notice.js';
import { tickLiveness, zoneReadiness } from './server/zone-health.js';

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
  const env = configOrExit('zone', () => parseEnv(ZoneEnv, process.env));
  const serverId = env.SERVER_ID ?? hostname();
  const logger = createLogger({ level: env.LOG_LEVEL, base: { serverId, service: 'zone' }, ...(env.LOG_PRETTY ? { pretty: env.LOG_PRETTY === '1' } : {}) });
  const registryMetrics = createMetricsRegistry();

  const { bus, registry } = createServiceBus(serverId, env.REDIS_URL, logger, { cluster: env.REDIS_CLUSTER === '1', metrics: registryMetrics });
  const database = createDatabase(env.DATABASE_URL, {
    onPoolError: (error) => logger.warn({ err: error }, 'database connection lost'),
    metrics: registryMetrics,
  });
  const zoneRepository = new PrismaZoneRepository(database.client);
  const zones = await new DatabaseZoneCatalog(zoneRepository).listZones();
  const unknown = env.ASSIGNED_ZONES.filter((id) => !zones.some((zone) => zone.id === id));
  if (unknown.length > 0) {
    logger.fatal({ unknown, known: zones.map((zone) => zone.id) }, 'ASSIGNED_ZONES names zones that do not exist');
    process.exit(2);
  }

  const mode: OwnershipMode = env.ASSIGNED_ZONES.length > 0 ? { kind: 'static', zones: env.ASSIGNED_ZONES } : { kind: 'assigned' };
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
    mode,
    zones: new Map(zones.map((zone) => [zone.id, zone])),
    registry,
    bus,
    fences: zoneRepository,
    simulator: host,
    logger,
    metrics: new OwnershipMetrics(registryMetrics),
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
  // Players of a gateway that died (no heartbeat) leave the world and are saved.
  const gatewayWatch = new GatewayWatch(
    registry,
    () => host.gatewayIds,
    (gatewayId) => host.dropGateway(gatewayId),
    {
      onError: (error) => logger.warn({ err: error }, 'checking gateway heartbeats failed'),
    },
  );
  // Says why, at start-up and now and then, while this server owns no zone (no operator and no ASSIGNED_ZONES, or a standby).
  const idleNotice = new IdleNotice({
    owned: () => ownership!.zones,
    explain: async () => {
      const assignments = mode.kind === 'assigned' ? await registry.listAssignments() : new Map();
      const zoneIds = mode.kind === 'static' ? mode.zones : [];
      const leases = new Map<string, ZoneLeaseRecord | null>(await Promise.all(zoneIds.map(async (id) => [id, await registry.getLease(id)] as const)));
      return idleReason(serverId, mode, assignments, leases);
    },
    logger,
  });
  let claimed = false;
  // /health is liveness (the tick loop runs); /ready adds the bus, the database and the owned zones loaded.
  const readiness = zoneReadiness({
    serverId,
    bus,
    database,
    host,
    ownership: {
      get started() {
        return claimed;
      },
      get zones() {
        return ownership!.zones;
      },
    },
  });
  const startedAt = Date.now();
  const ops = await startOpsServer({
    port: env.METRICS_PORT,
    registry: registryMetrics,
    ready: async () => ({ ...(await readiness.report()), type: 'zone', serverId, zones: host.zoneIds }),
    health: () => ({
      ...tickLiveness(host),
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
  claimed = true;
  await heartbeat.start();
  gatewayWatch.start();
  await idleNotice.start();
  logger.info({ mode: env.ASSIGNED_ZONES.length > 0 ? 'static' : 'assigned', zones: ownership.zones, metricsPort: ops.port }, 'zone server running');

  stopOnSignals(logger, 'shutting down: handing zones off', [
    async () => {
      idleNotice.stop();
      await gatewayWatch.stop();
      clearInterval(republish);
    },
    () => ownership!.stop(),
    () => heartbeat.stop(),
    () => host.stop(),
    () => ops.close(),
    () => bus.close(),
    () => database.close(),
  ]);
}

runService('zone', main);
