// The plain traits a fighter is built from. Their own file so that abilities and items,
// which the combatant is made of, can name them without importing the combatant back.

export type StatName = 'strength' | 'agility' | 'intellect' | 'speed';
export type CombatStats = Readonly<Record<StatName, number>>;

/** What an auto-attack swings: a sword, a bow, a wolf's jaws. */
export interface Weapon {
  readonly name: string;
  /** Seconds between auto-attacks. */
  readonly delay: number;
  readonly minDamage: number;
  readonly maxDamage: number;
  /** Metres. */
  readonly range: number;
}

export type StatusKind = 'haste' | 'slow' | 'stun';
