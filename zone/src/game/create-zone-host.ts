import type { MessageBus } from '@aether/shared';
import { PrismaCharacterRepository, type Database } from '@aether/shared/db';
import type { Logger, Registry } from '@aether/shared/observability';
import { defaultCommands } from '../commands/execute.js';
import { combatGame } from './combat-game.js';
import { inhabitantsGame } from './inhabitants-game.js';
import { npcLlmSettings, type NpcLlmSettings } from '../npc/llm/config.js';
import { DatabaseCharacterStore } from '../persistence/database-stores.js';
import type { EffectHandlers } from '../server/effects/effect-router.js';
import { partyAndChat } from '../server/effects/party-and-chat.js';
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
  /** The LLM behind NPCs; null for scripted lines only; unset: from NPC_LLM_* in the environment. */
  npcLlm?: NpcLlmSettings | null;
}

/**
 * The one place the game is assembled — rules, commands, per-zone systems and
 * effect handlers — so embedded mode and zone servers run the same game.
 */
export async function createZoneHost(services: ZoneHostServices): Promise<ZoneHost> {
  const { database, bus, logger } = services;
  const characters = new PrismaCharacterRepository(database.client);
  const social = partyAndChat({ bus, characters, rules: DEFAULT_RULES, logger: logger.child({ component: 'party-chat' }) });
  const combat = await combatGame({ database, logger: logger.child({ component: 'combat' }) });
  const llm = services.npcLlm === undefined ? npcLlmSettings(process.env) : (services.npcLlm ?? undefined);
  const inhabitants = await inhabitantsGame({ database, llm, logger: logger.child({ component: 'inhabitants' }) });
  // Combat runs after the other systems, so what they decide this tick (an animal turning to attack) swings this tick.
  const systemsFor = (zone: ZoneDef): System[] => [...social.systems(), ...inhabitants.systems(zone), ...combat.systems()];
  const effectHandlers: EffectHandlers = { ...social.effectHandlers, ...combat.effectHandlers, ...inhabitants.effectHandlers };
  const host = new ZoneHost({
    serverId: services.serverId,
    ...(services.zones ? { zones: services.zones } : {}),
    bus,
    characters: new DatabaseCharacterStore(characters, combat.sources),
    rules: DEFAULT_RULES,
    commands: inhabitants.listening(defaultCommands(combat.commands)),
    systemsFor,
    effectHandlers,
    broadcastHandlers: social.broadcastHandlers,
    tickRate: services.tickRate,
    checkpointIntervalMs: services.checkpointIntervalMs,
    metrics: new ZoneMetrics(services.metrics),
    logger,
    ...(services.onOwnershipLost ? { onOwnershipLost: services.onOwnershipLost } : {}),
  });
  inhabitants.attach(host);
  return host;
}
