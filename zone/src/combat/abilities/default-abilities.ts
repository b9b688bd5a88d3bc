import { SEED_ABILITIES } from '@aether/shared';
import type { AbilityDefinition } from './ability-definition.js';
import { abilityFromRecord } from './ability-record.js';

/**
 * The abilities the game ships with, from the one table in @aether/shared
 * (shared/src/game/abilities.ts) the database seed also writes; rows in the
 * database override these by id. A shipped row the zone cannot run is a
 * programming error, so it fails at start-up rather than in a tick.
 */
export const DEFAULT_ABILITIES: readonly AbilityDefinition[] = SEED_ABILITIES.map((row) => {
  const parsed = abilityFromRecord(row);
  if (!parsed.ok) throw new Error(`shipped ${parsed.message}`);
  return parsed.ability;
});
