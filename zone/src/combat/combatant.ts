import type { ItemBonuses, Resources } from '@aether/shared';
import type { Entity } from '../world/types.js';
import type { AbilityDefinition, Cost } from './abilities/ability-definition.js';
import type { InventoryEntry, LootEntry, LootPile } from './items/item.js';
import type { CombatStats, StatusKind, Weapon } from './traits.js';

// Kept importable from here, where most of combat looks for them.
export type { CombatStats, StatName, StatusKind, Weapon } from './traits.js';

export interface StatusEffect {
  readonly kind: StatusKind;
  /** ATB rate multiplier for haste and slow; ignored for stun. */
  readonly magnitude: number;
  /** World time it wears off. */
  readonly expiresAt: number;
  readonly sourceId: string;
}

/** An ability being cast; its cost is held in escrow until it completes (spent) or is interrupted (refunded). */
interface Casting {
  readonly abilityId: string;
  readonly targetId: string;
  readonly startedAt: number;
  readonly completesAt: number;
  readonly escrow: Cost;
}

/** What the fighter's client was last told, so updates go out only on change. */
interface Reported {
  readonly view: string;
  readonly character: Readonly<Record<string, number>>;
  /** The bags and purse last sent in `state_update.belongings` (compared by identity: they change by copy). */
  readonly inventory?: readonly InventoryEntry[] | undefined;
  readonly coins?: number | undefined;
  /** The loot window last sent in `state_update.loot` (null: told there is none). */
  readonly loot?: LootPile | null | undefined;
}

export interface CombatState {
  readonly inCombat: boolean;
  readonly targetId?: string | undefined;
  readonly autoAttacking: boolean;
  /** 0..100; abilities spend it. */
  readonly atb: number;
  /** World time the next auto-attack may swing. */
  readonly nextSwingAt: number;
  /** World time of the last hostile action by or against this fighter. */
  readonly lastHostileAt: number;
  readonly casting?: Casting | undefined;
  /** Ability id → world time it is ready again. */
  readonly cooldowns: Readonly<Record<string, number>>;
  readonly effects: readonly StatusEffect[];
  /** Attacker entity id → damage dealt since this fighter entered combat; splits the XP for a kill. */
  readonly damagedBy: Readonly<Record<string, number>>;
  readonly dead: boolean;
  /** World time of death; players respawn `respawnDelay` later. */
  readonly diedAt?: number | undefined;
  readonly nextRegenAt: number;
  /** A due swing found the target out of reach and said so; quiet until the next swing. */
  readonly toldOutOfRange: boolean;
  /** Players: what their kills left to take with /loot (items/loot-window.ts). */
  readonly loot?: LootPile | undefined;
  readonly reported?: Reported | undefined;
}

/**
 * The combat component: any entity with one can fight, be fought, die and
 * (if a player) gain levels. Players keep their pools in `player.resources`
 * and their level in `player.level` (persisted, shown on world entry);
 * everyone else keeps them here.
 */
/**
 * What worn equipment adds (items/gear.ts), worked out when the
 * equipment or the stored stats change, so nothing adds it up per tick.
 */
export interface Gear {
  readonly bonuses: Readonly<ItemBonuses>;
  /** The stored stats plus the bonuses: what the fighter fights with. */
  readonly stats: CombatStats;
}

export interface Combatant {
  /** Players: the stored stats (persisted by progress); equipment bonuses are in `gear`, never in these. */
  readonly stats: CombatStats;
  /** Players wearing anything: see `fightingStats`. */
  readonly gear?: Gear | undefined;
  readonly weapon: Weapon;
  readonly resources?: Resources | undefined;
  readonly level?: number | undefined;
  readonly abilities: readonly AbilityDefinition[];
  /** Players: total experience. */
  readonly xp: number;
  /** What killing this fighter is worth; defaults to `xpPerVictimLevel` × level. */
  readonly xpValue?: number | undefined;
  /** Non-players: hit back when hit. */
  readonly retaliate: boolean;
  /** Non-players: 'remove' takes the body out of the world at death; 'keep' leaves it (dead) for its owner to handle. */
  readonly onDeath: 'remove' | 'keep';
  readonly loot: readonly LootEntry[];
  readonly inventory: readonly InventoryEntry[];
  /** Players: coins in the purse (0 for everyone else). */
  readonly coins: number;
  readonly state: CombatState;
}

export function initialCombatState(): CombatState {
  return {
    inCombat: false,
    autoAttacking: false,
    atb: 0,
    nextSwingAt: 0,
    lastHostileAt: -Infinity,
    cooldowns: {},
    effects: [],
    damagedBy: {},
    dead: false,
    nextRegenAt: 0,
    toldOutOfRange: false,
  };
}

export interface CombatantOptions {
  level?: number;
  abilities?: readonly AbilityDefinition[];
  xpValue?: number;
  retaliate?: boolean;
  onDeath?: 'remove' | 'keep';
  loot?: readonly LootEntry[];
}

/**
 * Makes any non-player entity a fighter, e.g. a wolf:
 * `{ ...entity, combat: combatant(stats, resources, { name: 'jaws', delay: 2, minDamage: 3, maxDamage: 6, range: 2 }, { level: 2, retaliate: true }) }`.
 */
export function combatant(stats: CombatStats, resources: Resources, weapon: Weapon, options: CombatantOptions = {}): Combatant {
  return {
    stats,
    weapon,
    resources,
    level: options.level ?? 1,
    abilities: options.abilities ?? [],
    xp: 0,
    xpValue: options.xpValue,
    retaliate: options.retaliate ?? false,
    onDeath: options.onDeath ?? 'remove',
    loot: options.loot ?? [],
    inventory: [],
    coins: 0,
    state: initialCombatState(),
  };
}

export interface PlayerCombatantOptions {
  stats: CombatStats;
  weapon: Weapon;
  abilities: readonly AbilityDefinition[];
  xp: number;
  inventory: readonly InventoryEntry[];
  coins?: number;
  gear?: Gear | undefined;
}

/** A player's combat component; pools and level stay on `player`. */
export function playerCombatant(options: PlayerCombatantOptions): Combatant {
  return {
    stats: options.stats,
    weapon: options.weapon,
    abilities: options.abilities,
    xp: options.xp,
    retaliate: false,
    onDeath: 'keep',
    loot: [],
    inventory: options.inventory,
    coins: options.coins ?? 0,
    ...(options.gear ? { gear: options.gear } : {}),
    state: initialCombatState(),
  };
}

/** The stats a fighter fights with: the stored ones plus worn equipment's bonuses. */
export function fightingStats(combat: Combatant): CombatStats {
  return combat.gear?.stats ?? combat.stats;
}

export type Fighter = Entity & { readonly combat: Combatant };

export function isFighter(entity: Entity | undefined): entity is Fighter {
  return entity?.combat !== undefined;
}

export function isDead(entity: Entity): boolean {
  return entity.combat?.state.dead ?? false;
}

export function isAlive(entity: Entity | undefined): entity is Fighter {
  return isFighter(entity) && !entity.combat.state.dead;
}

const NO_RESOURCES: Resources = { hp: 0, maxHp: 0, stamina: 0, maxStamina: 0, mana: 0, maxMana: 0 };

export function resourcesOf(entity: Entity): Resources {
  return entity.player?.resources ?? entity.combat?.resources ?? NO_RESOURCES;
}

export function withResources(entity: Fighter, resources: Resources): Fighter {
  if (entity.player) return { ...entity, player: { ...entity.player, resources } };
  return { ...entity, combat: { ...entity.combat, resources } };
}

export function levelOf(entity: Entity): number {
  return entity.player?.level ?? entity.combat?.level ?? 1;
}

export function withState(entity: Fighter, change: Partial<CombatState>): Fighter {
  return { ...entity, combat: { ...entity.combat, state: { ...entity.combat.state, ...change } } };
}

export function withCombat(entity: Fighter, change: Partial<Combatant>): Fighter {
  return { ...entity, combat: { ...entity.combat, ...change } };
}

/** Straight-line distance in metres, height included. */
export function distance(a: Entity, b: Entity): number {
  return Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
}

// Registers the combat component on entities (zone/src/world/types.ts, EntityComponents).
declare module '../world/types.js' {
  interface EntityComponents {
    /** Set for anything that can fight (`combatant()`, `playerCombatant()`). */
    readonly combat?: Combatant;
  }
}
