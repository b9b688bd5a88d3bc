import { PrismaNpcRepository, PrismaWildlifeRepository, type Database } from '@aether/shared/db';
import type { Logger } from '@aether/shared/observability';
import type { CommandRegistry } from '../commands/registry.js';
import { withNpcListening } from '../npc/npc-hearing.js';
import { ChatCompletionsClient } from '../npc/llm/chat-completions-client.js';
import type { NpcLlmSettings } from '../npc/llm/config.js';
import type { NpcLlmMetrics } from '../npc/llm/llm-metrics.js';
import { LlmNpcBrain } from '../npc/llm/npc-brain.js';
import { NpcSystem } from '../npc/npc-system.js';
import { DatabaseNpcCatalog, DatabaseWildlifeCatalog } from '../persistence/inhabitant-stores.js';
import type { CreatureSpawner } from '../server/effects/admin-actions.js';
import type { EffectHandlers } from '../server/effects/effect-router.js';
import { NpcReplies } from '../server/effects/npc-replies.js';
import type { ZoneHost } from '../server/zone-host.js';
import type { System } from '../world/system.js';
import type { ZoneDef } from '../world/types.js';
import { creatureCombat } from '../wildlife/combat-bridge.js';
import { summonCreature } from '../wildlife/summon.js';
import { WildlifeSystem } from '../wildlife/wildlife-system.js';

export interface InhabitantsGame {
  /** A fresh wildlife and NPC system for one zone. */
  systems(zone: ZoneDef): System[];
  /** The commands with a `/say` that NPCs hear. */
  listening(commands: CommandRegistry): CommandRegistry;
  effectHandlers: EffectHandlers;
  /** What an admin's /spawn makes creatures with: every species of every spawn table. */
  spawner: CreatureSpawner;
  /** Tells the LLM replies where to go once the host exists (they enter the zone as input). */
  attach(host: Pick<ZoneHost, 'enqueue'>): void;
}

/**
 * Wildlife and NPCs, ready to hand to a ZoneHost: every zone's spawn table and
 * NPCs from the database, their systems, the listening `/say`, and, when an
 * LLM is configured, the handler that asks it for replies.
 */
export async function inhabitantsGame({
  database,
  llm,
  logger,
  llmMetrics,
}: {
  database: Database;
  llm: NpcLlmSettings | undefined;
  logger: Logger;
  llmMetrics?: NpcLlmMetrics;
}): Promise<InhabitantsGame> {
  const skip = (what: string) => (id: string, problem: string) => logger.warn({ [what]: id, problem }, `ignoring an invalid ${what} row`);
  const [spawnTables, npcs] = await Promise.all([
    new DatabaseWildlifeCatalog(new PrismaWildlifeRepository(database.client), skip('spawnRule')).spawnTables(),
    new DatabaseNpcCatalog(new PrismaNpcRepository(database.client), skip('npc')).npcsByZone(),
  ]);
  let host: Pick<ZoneHost, 'enqueue'> | undefined;
  const effectHandlers: EffectHandlers = {};
  if (llm) {
    const client = new ChatCompletionsClient({
      baseUrl: llm.baseUrl,
      model: llm.model,
      maxTokens: llm.maxTokens,
      ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
    });
    const replies = new NpcReplies({
      brain: new LlmNpcBrain(client, llm.maxReplyChars),
      deliver: (zoneId, input) => host?.enqueue(zoneId, input) ?? false,
      timeoutMs: llm.timeoutMs,
      history: llm.history,
      maxTokens: llm.maxTokens,
      ...(llm.conversations ? { conversations: llm.conversations } : {}),
      ...(llm.budgets ? { budgets: llm.budgets } : {}),
      ...(llmMetrics ? { metrics: llmMetrics } : {}),
      logger,
    });
    effectHandlers.npc_reply_request = replies.handle;
  }
  logger.info(
    {
      spawnRules: [...spawnTables.values()].reduce((n, rules) => n + rules.length, 0),
      npcs: [...npcs.values()].reduce((n, list) => n + list.length, 0),
      llm: llm ? { url: llm.baseUrl, model: llm.model } : false,
    },
    'wildlife and NPCs loaded',
  );
  const species = [...new Map([...spawnTables.values()].flat().map((rule) => [rule.species.id, rule.species])).values()];
  let summoned = 0;
  const spawner: CreatureSpawner = {
    species: () => species,
    spawn: (kind, level, at) => {
      summoned += 1;
      // Unique for this process's life, and never one a spawn rule makes (those are w:<rule>.<slot>.<generation>).
      const id = `w:summoned-${Date.now().toString(36)}-${summoned}`;
      return host?.enqueue(at.zoneId, { kind: 'join', entity: summonCreature(kind, level, at, id, creatureCombat) }) ?? false;
    },
  };
  return {
    spawner,
    systems: (zone) => [new WildlifeSystem(spawnTables.get(zone.id) ?? [], { combat: creatureCombat }), new NpcSystem(npcs.get(zone.id) ?? [])],
    listening: (commands) => withNpcListening(commands, { llm: llm !== undefined }),
    effectHandlers,
    attach: (zoneHost) => {
      host = zoneHost;
    },
  };
}
