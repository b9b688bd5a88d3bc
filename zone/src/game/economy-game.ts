import { PrismaNpcRepository, PrismaQuestRepository, PrismaWildlifeRepository, SEED_SPECIES, type Database } from '@aether/shared/db';
import type { Logger } from '@aether/shared/observability';
import type { AbilityCatalog } from '../combat/abilities/ability-catalog.js';
import type { ItemCatalog } from '../combat/items/item-catalog.js';
import type { CommandDefinition } from '../commands/registry.js';
import { QuestCatalog } from '../quests/quest-catalog.js';
import { questCombatDeps, questCommands } from '../quests/quest-commands.js';
import { QuestSystem } from '../quests/quest-system.js';
import type { EffectHandlers } from '../server/effects/effect-router.js';
import { questHandlers } from '../server/effects/quest-handlers.js';
import type { GameWrites } from '../server/ports.js';
import { tradeCommands } from '../trade/trade-commands.js';
import type { System } from '../world/system.js';

export interface EconomyGame {
  /** A fresh quest system for one zone; it runs after combat, whose kills it counts. */
  systems: () => System[];
  commands: CommandDefinition[];
  effectHandlers: EffectHandlers;
  /** For DatabaseCharacterStore: loads each character's quest log. */
  quests: PrismaQuestRepository;
}

/**
 * Vendors and quests, ready to hand to a ZoneHost: the quests from the
 * database (their givers, species and items named and checked), the trade
 * and quest commands, the quest system, and the write-through of quest logs
 * (through `writes`, the fenced, retrying ChangeOutbox). Vendors' wares come
 * with the NPCs (inhabitants-game.ts).
 */
export async function economyGame({
  database,
  logger,
  writes,
  catalogs,
}: {
  database: Database;
  logger: Logger;
  writes: Pick<GameWrites, 'add'>;
  catalogs: { abilities: AbilityCatalog; items: ItemCatalog };
}): Promise<EconomyGame> {
  const quests = new PrismaQuestRepository(database.client);
  const [records, npcs, spawnRules] = await Promise.all([
    quests.listQuests(),
    new PrismaNpcRepository(database.client).listNpcs(),
    new PrismaWildlifeRepository(database.client).listSpawnRules(),
  ]);
  const species = new Map(SEED_SPECIES.map((record) => [record.id, record.name]));
  for (const rule of spawnRules) species.set(rule.species.id, rule.species.name);
  const catalog = QuestCatalog.fromRecords(
    records,
    { npcs: new Map(npcs.map((npc) => [npc.id, npc.name])), species, items: catalogs.items },
    (quest, problem) => logger.warn({ quest, problem }, 'ignoring an invalid quest row'),
  );
  const combat = questCombatDeps(catalogs);
  const { bagSlots } = combat.rules;
  logger.info({ quests: catalog.all().length, vendors: npcs.filter((npc) => npc.wares.length > 0).length }, 'vendors and quests loaded');
  return {
    systems: () => [new QuestSystem(catalog, { bagSlots })],
    commands: [...tradeCommands({ items: catalogs.items, bagSlots }), ...questCommands({ catalog, combat })],
    effectHandlers: questHandlers(writes),
    quests,
  };
}
