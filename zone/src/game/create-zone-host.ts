import type { MessageBus } from '@aether/shared';
import {
  PrismaAuditLogRepository,
  PrismaCharacterChangeRepository,
  PrismaCharacterRepository,
  PrismaModerationRepository,
  PrismaPartyRepository,
  PrismaZoneRepository,
  type Database,
} from '@aether/shared/db';
import type { Logger, Registry } from '@aether/shared/observability';
import { chatLimits, type ChatLimits } from '../chat/chat-limits.js';
import { PlayerMessenger } from '../chat/player-messenger.js';
import { defaultCommands } from '../commands/execute.js';
import { combatGame } from './combat-game.js';
import { economyGame } from './economy-game.js';
import { inhabitantsGame } from './inhabitants-game.js';
import { npcLlmSettings, type NpcLlmSettings } from '../npc/llm/config.js';
import { NpcLlmMetrics } from '../npc/llm/llm-metrics.js';
import { DatabaseCharacterStore, DatabaseZoneCatalog } from '../persistence/database-stores.js';
import { ChangeOutbox } from '../persistence/outbox/change-outbox.js';
import { AdminActions } from '../server/effects/admin-actions.js';
import type { EffectHandlers } from '../server/effects/effect-router.js';
import { partyAndChat } from '../server/effects/party-and-chat.js';
import { ZoneMetrics } from '../server/metrics.js';
import { ZoneSafetyMetrics } from '../server/safety-metrics.js';
import { ZoneHost } from '../server/zone-host.js';
import { playerEntityId } from '../server/zone-runtime.js';
import { combatRelogWindowS } from '../server/combat-relog.js';
import { DEFAULT_RULES, type Rules } from '../rules/rules.js';
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
  /** Chat length and rate; unset: from CHAT_* in the environment. */
  chat?: ChatLimits;
  /** Wall clock, ms (mutes, chat rate, admin durations); Date.now when unset. */
  clock?: () => number;
  /** Seconds a leaving character's fight is kept for a relog; unset: from COMBAT_RELOG_WINDOW_S in the environment (60). */
  combatRelogWindowS?: number;
}

/**
 * The one place the game is assembled — rules, commands, per-zone systems and
 * effect handlers — so embedded mode and zone servers run the same game.
 */
export async function createZoneHost(services: ZoneHostServices): Promise<ZoneHost> {
  const { database, bus, logger } = services;
  const clock = services.clock ?? Date.now;
  const rules: Rules = { ...DEFAULT_RULES, chat: services.chat ?? chatLimits(process.env) };
  const characters = new PrismaCharacterRepository(database.client);
  const moderation = new PrismaModerationRepository(database.client);
  // The host is made below; party changes reach its zones as inputs (party members do not harm each other).
  let membership: (characterId: string, partyId: string | null, zoneId?: string) => void = () => undefined;
  const social = partyAndChat({
    onMembership: (characterId, partyId, zoneId) => membership(characterId, partyId, zoneId),
    bus,
    characters,
    rules,
    logger: logger.child({ component: 'party-chat' }),
    partyStore: new PrismaPartyRepository(database.client),
  });
  const metrics = new ZoneMetrics(services.metrics);
  // The host is made below; a fenced-off game write tells it the zone is lost.
  let lost: (zoneId: string, epoch: number | undefined) => void = () => undefined;
  const writes = new ChangeOutbox({
    changes: new PrismaCharacterChangeRepository(database.client),
    metrics,
    logger: logger.child({ component: 'game-writes' }),
    onFencedOff: (zoneId, epoch) => lost(zoneId, epoch),
  });
  const combat = await combatGame({ database, logger: logger.child({ component: 'combat' }), writes });
  const economy = await economyGame({ database, logger: logger.child({ component: 'economy' }), writes, catalogs: combat.sources.catalogs });
  const llm = services.npcLlm === undefined ? npcLlmSettings(process.env) : (services.npcLlm ?? undefined);
  const inhabitants = await inhabitantsGame({
    database,
    llm,
    logger: logger.child({ component: 'inhabitants' }),
    llmMetrics: new NpcLlmMetrics(services.metrics),
  });
  const safetyMetrics = new ZoneSafetyMetrics(services.metrics);
  const messenger = new PlayerMessenger(bus, (key, error) => logger.warn({ err: error, key }, 'ignoring a malformed value on the bus'));
  const zoneCatalog = new DatabaseZoneCatalog(new PrismaZoneRepository(database.client));
  const admin = new AdminActions({
    bus,
    locate: (characterId) => messenger.locate(characterId),
    deliver: (messages) => messenger.deliver(messages),
    moderation,
    audit: new PrismaAuditLogRepository(database.client),
    zones: () => zoneCatalog.listZones(),
    now: clock,
    metrics: safetyMetrics,
    logger: logger.child({ component: 'admin' }),
    spawner: inhabitants.spawner,
  });
  // Combat runs after the other systems, so what they decide this tick (an animal turning to attack) swings this tick;
  // quests run after combat, so a kill counts the tick it happens.
  const systemsFor = (zone: ZoneDef): System[] => [...social.systems(), ...inhabitants.systems(zone), ...combat.systems(), ...economy.systems()];
  const effectHandlers: EffectHandlers = {
    ...social.effectHandlers,
    ...combat.effectHandlers,
    ...economy.effectHandlers,
    ...inhabitants.effectHandlers,
    ...admin.handlers,
  };
  const host = new ZoneHost({
    serverId: services.serverId,
    ...(services.zones ? { zones: services.zones } : {}),
    bus,
    characters: new DatabaseCharacterStore(characters, combat.sources, moderation, clock, economy.quests),
    rules,
    commands: inhabitants.listening(defaultCommands(combat.commands, economy.commands)),
    systemsFor,
    effectHandlers,
    broadcastHandlers: social.broadcastHandlers,
    tickRate: services.tickRate,
    checkpointIntervalMs: services.checkpointIntervalMs,
    metrics,
    safetyMetrics,
    gameWrites: writes,
    clock,
    combatRelogWindowS: services.combatRelogWindowS ?? combatRelogWindowS(process.env),
    logger,
    ...(services.onOwnershipLost ? { onOwnershipLost: services.onOwnershipLost } : {}),
  });
  lost = (zoneId, epoch) => void host.zoneFencedOff(zoneId, epoch);
  membership = (characterId, partyId, zoneId) => {
    // Where they play may be unknown (a party change): every zone here is told; one without them ignores it.
    for (const id of zoneId ? [zoneId] : host.zoneIds) host.enqueue(id, { kind: 'party', entityId: playerEntityId(characterId), partyId });
  };
  inhabitants.attach(host);
  return host;
}
