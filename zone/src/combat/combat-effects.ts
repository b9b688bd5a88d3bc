import type { CombatStats } from './combatant.js';

/** Write-through of a character's progress (zone/src/server/effects/progress.ts carries these out). */
export interface ProgressEffect {
  kind: 'progress';
  characterId: string;
  level: number;
  xp: number;
  stats: CombatStats;
  maxHp: number;
  maxStamina: number;
  maxMana: number;
}

export interface AbilityLearnedEffect {
  kind: 'ability_learned';
  characterId: string;
  abilityId: string;
}

/** One bag slot's new contents; quantity 0 empties it. */
export interface InventoryEffect {
  kind: 'inventory';
  characterId: string;
  slot: number;
  itemId: string;
  quantity: number;
}

export type CombatEffect = ProgressEffect | AbilityLearnedEffect | InventoryEffect;

// Registers this feature's effects with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../world/effects.js' {
  interface EffectMap {
    combat: CombatEffect;
  }
}
