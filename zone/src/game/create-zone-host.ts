import type { MessageBus } from '@aether/shared';
import { PrismaCharacterRepository, type Database } from '@aether/shared/db';
import type { Logger, Registry } from '@aether/shared/observability';
import { defaultCommands } from '../commands/execute.js';
import { DatabaseCharacterStore } from '../persistence/database-stores.js';
import type { EffectHandlers } from '../server/effects/effect-router.js';
import { ZoneMetrics } from '../server/metrics.js';
import { ZoneHost } from '../server/zone-host.js';
import { DEFAULT_RULES } from '../world/rules.js';
import type { System } from '../world/system.js';
import type { ZoneDef } from '../world/types.js';

export interface ZoneHostServices {
  serverId: string;
  database: Database;
  bus: MessageBus;
  metrics: Registry;
  logger: Logger;
  tickRate: number;
  checkpointIntervalMs: number;
  /** Embedded mode simulates every zone from the start; zone servers add zones as they claim them. */
  zones?: ZoneDef[];
  onOwnershipLost?: (zoneId: string) => void;
}

/**
 * The one place the game is assembled — rules, commands, per-zone systems and
 * effect handlers — so embedded mode and zone servers run the same game.
 */
export async function createZoneHost(services: ZoneHostServices): Promise<ZoneHost> {
  const { database, bus, logger } = services;
  const systemsFor = (_zone: ZoneDef): System[] => [];
  const effectHandlers: EffectHandlers = {};
  return new ZoneHost({
    serverId: services.serverId,
    ...(services.zones ? { zones: services.zones } : {}),
    bus,
    characters: new DatabaseCharacterStore(new PrismaCharacterRepository(database.client)),
    rules: DEFAULT_RULES,
    commands: defaultCommands(),
    systemsFor,
    effectHandlers,
    tickRate: services.tickRate,
    checkpointIntervalMs: services.checkpointIntervalMs,
    metrics: new ZoneMetrics(services.metrics),
    logger,
    ...(services.onOwnershipLost ? { onOwnershipLost: services.onOwnershipLost } : {}),
  });
}
