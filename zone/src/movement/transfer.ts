import type { CombatSnapshot } from '@aether/shared';
import type { MoveIntent } from '../world/types.js';

/** A player walked over the border: the zone host hands the character to the zone it entered. */
export interface TransferEffect {
  kind: 'transfer';
  characterId: string;
  toZoneId: string;
  state: { x: number; y: number; z: number; heading: number; intent: MoveIntent };
  /** Resources travel too, so nothing is lost between the last checkpoint and the crossing. */
  resources: { hp: number; stamina: number; mana: number };
  /** Cooldowns, effects, gauge and target, so crossing a border clears none of them (zone/src/combat/combat-snapshot.ts). */
  combat?: CombatSnapshot;
}

// Registers this feature's effects with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../world/effects.js' {
  interface EffectMap {
    transfer: TransferEffect;
  }
}
