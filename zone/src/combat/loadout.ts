import type { Archetype, ItemBonuses } from '@aether/shared';
import type { InventoryRecord } from '@aether/shared/db';
import type { AbilityDefinition } from './abilities/ability-definition.js';
import { AbilityCatalog } from './abilities/ability-catalog.js';
import { playerCombatant, type Combatant, type CombatStats, type Weapon } from './combatant.js';
import { gearBonuses, gearFor } from './items/gear.js';
import type { InventoryEntry } from './items/item.js';
import { ItemCatalog } from './items/item-catalog.js';

/** What a character fights with, resolved from the database when it enters a zone. */
export interface CombatLoadout {
  abilities: AbilityDefinition[];
  inventory: InventoryEntry[];
  weapon: Weapon;
  /** What the worn equipment adds; its max hp goes on the stored max hp when the character enters (zone-runtime). */
  bonuses: ItemBonuses;
}

/** Resolves stored ids against the catalogs: granted and learned abilities, named stacks, the wielded weapon, the worn bonuses. */
export function resolveLoadout(
  character: { archetype: Archetype; level: number },
  stored: { learned: readonly string[]; inventory: readonly InventoryRecord[] },
  catalogs: { abilities: AbilityCatalog; items: ItemCatalog },
): CombatLoadout {
  const inventory = catalogs.items.entries(stored.inventory);
  return {
    abilities: catalogs.abilities.knownBy(character.archetype, character.level, stored.learned),
    inventory,
    weapon: catalogs.items.weaponFor(character.archetype, inventory),
    bonuses: gearBonuses(inventory, catalogs.items),
  };
}

/**
 * A player's combat component from what was loaded; a store that loads no
 * loadout (tests, tools) gets the archetype's defaults from the in-memory catalogs.
 */
export function combatantForCharacter(character: {
  archetype: Archetype;
  level: number;
  xp?: number | undefined;
  coins?: number | undefined;
  stats: CombatStats;
  loadout?: CombatLoadout | undefined;
}): Combatant {
  const loadout = character.loadout ?? resolveLoadout(character, { learned: [], inventory: [] }, { abilities: new AbilityCatalog(), items: new ItemCatalog() });
  return playerCombatant({
    stats: character.stats,
    weapon: loadout.weapon,
    abilities: loadout.abilities,
    xp: character.xp ?? 0,
    inventory: loadout.inventory,
    coins: character.coins ?? 0,
    gear: gearFor(character.stats, loadout.bonuses),
  });
}
