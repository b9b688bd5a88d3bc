// The game's content as plain records: one row of `ability` or `item` (docs/database.md).
// The tables the game ships with are in abilities.ts and items.ts; the database seed writes them.

/** One row of `ability`; `target`, `effect` and `scalingStat` are validated by the zone when it loads them. */
export interface AbilityRecord {
  id: string;
  name: string;
  description: string;
  archetype: string | null;
  level: number;
  target: string;
  effect: string;
  power: number;
  scalingStat: string | null;
  scaling: number;
  duration: number;
  magnitude: number;
  range: number;
  castTime: number;
  cooldown: number;
  atbCost: number;
  staminaCost: number;
  manaCost: number;
}

export interface WeaponStats {
  delay: number;
  minDamage: number;
  maxDamage: number;
  range: number;
}

/** Stats an equipped item adds to its wearer. */
export interface ItemBonuses {
  strength: number;
  agility: number;
  intellect: number;
  speed: number;
  maxHp: number;
}

export interface ItemRecord {
  id: string;
  name: string;
  description: string;
  /** "weapon", "armor", "material" or "consumable". */
  kind: string;
  maxStack: number;
  /** What a vendor pays for one, in coins. */
  value: number;
  /** Null unless the item is a weapon. */
  weapon: WeaponStats | null;
  /** Where it is worn ("weapon", "head", "body", "hands", "feet"); null: it cannot be equipped. */
  equipSlot: string | null;
  /** Added to the wearer's stats while equipped (all 0 for most items). */
  bonuses: ItemBonuses;
  /** Consumables: hit points one use restores. */
  heal: number;
  /** Consumables: seconds before another of the same item can be used. */
  useCooldown: number;
}
