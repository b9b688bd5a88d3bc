import type { CommandDefinition } from '../../commands/registry.js';
import { dropCommand } from './drop.js';
import { equipCommand, unequipCommand } from './equip.js';
import { inventoryCommand } from './inventory.js';
import { itemDeps, type ItemDeps } from './item-command-kit.js';
import { lootCommand } from './loot.js';
import { useCommand } from './use.js';

/**
 * The item commands (docs/gameplay.md, "Items") over a zone's item
 * definitions (the database's in a server; the in-memory defaults otherwise).
 */
export function itemCommands(options: Partial<ItemDeps> = {}): CommandDefinition[] {
  const deps = itemDeps(options);
  return [inventoryCommand(deps), equipCommand(deps), unequipCommand(deps), useCommand(deps), dropCommand(deps), lootCommand(deps)];
}
