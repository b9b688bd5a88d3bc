import { PrismaAbilityRepository, PrismaInventoryRepository, PrismaItemRepository, type Database } from '@aether/shared/db';
import type { Logger } from '@aether/shared/observability';
import { AbilityCatalog } from '../combat/abilities/ability-catalog.js';
import { combatCommands } from '../combat/commands/index.js';
import { CombatManager } from '../combat/combat-manager.js';
import { ItemCatalog } from '../combat/items/item-catalog.js';
import type { CommandDefinition } from '../commands/registry.js';
import { itemCommands } from '../items/commands/index.js';
import type { CombatSources } from '../persistence/database-stores.js';
import type { EffectHandlers } from '../server/effects/effect-router.js';
import { progressHandlers } from '../server/effects/progress.js';
import type { GameWrites } from '../server/ports.js';
import type { System } from '../world/system.js';

export interface CombatGame {
  /** A fresh combat system for one zone. */
  systems: () => System[];
  commands: CommandDefinition[];
  effectHandlers: EffectHandlers;
  /** For DatabaseCharacterStore: loads each character's abilities and bags. */
  sources: CombatSources;
}

/**
 * Combat, ready to hand to a ZoneHost: ability and item definitions from the
 * database (over the in-memory defaults), the per-zone CombatManager, its
 * commands, and the write-through of progress and inventory (through `writes`,
 * the fenced, retrying ChangeOutbox).
 */
export async function combatGame({ database, logger, writes }: { database: Database; logger: Logger; writes: Pick<GameWrites, 'add'> }): Promise<CombatGame> {
  const abilities = new PrismaAbilityRepository(database.client);
  const inventory = new PrismaInventoryRepository(database.client);
  const [abilityRows, itemRows] = await Promise.all([abilities.listAbilities(), new PrismaItemRepository(database.client).listItems()]);
  const catalogs = {
    abilities: AbilityCatalog.fromRecords(abilityRows, (message) => logger.warn({ problem: message }, 'ignoring an invalid ability row')),
    items: ItemCatalog.fromRecords(itemRows, (message) => logger.warn({ problem: message }, 'ignoring an invalid item row')),
  };
  return {
    systems: () => [new CombatManager(catalogs)],
    commands: [...combatCommands(), ...itemCommands({ items: catalogs.items })],
    effectHandlers: progressHandlers(writes),
    sources: { abilities, inventory, catalogs },
  };
}
