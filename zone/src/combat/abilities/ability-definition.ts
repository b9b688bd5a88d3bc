import type { Archetype } from '@aether/shared';
import type { StatName, StatusKind } from '../traits.js';

export interface Cost {
  readonly atb: number;
  readonly stamina: number;
  readonly mana: number;
}

export type AbilityEffect =
  /** `power` plus `scaling` × the stat, through the damage calculator. */
  | { readonly kind: 'damage'; readonly power: number; readonly stat?: StatName | undefined; readonly scaling: number }
  | { readonly kind: 'heal'; readonly power: number; readonly stat?: StatName | undefined; readonly scaling: number }
  | { readonly kind: 'status'; readonly status: StatusKind; readonly duration: number; readonly magnitude: number };

export interface AbilityDefinition {
  /** Readable key, e.g. "power-strike"; also what players may type. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Learned by this archetype on reaching `level`; null: by every archetype. */
  readonly archetype: Archetype | null;
  readonly level: number;
  readonly target: 'enemy' | 'self';
  readonly effect: AbilityEffect;
  /** Metres. */
  readonly range: number;
  /** Seconds; 0 is instant. */
  readonly castTime: number;
  /** Seconds from completion until it can be used again. */
  readonly cooldown: number;
  readonly cost: Cost;
}
