import type { LootWindowSave } from './loot-window.js';
// Plain records the rest of the system sees, so that nothing outside
// shared/src/db depends on Prisma's generated types.

export interface AccountRecord {
  id: string;
  username: string;
  createdAt: Date;
  /** "player" or "admin" (docs/security.md). */
  role: string;
  bannedUntil: Date | null;
  banReason: string | null;
  mutedUntil: Date | null;
}

export interface Vector3 {
  x: number;
  y: number;
  z: number;
}

export interface CharacterStats {
  strength: number;
  agility: number;
  intellect: number;
  speed: number;
}

export interface CharacterResources {
  hp: number;
  maxHp: number;
  stamina: number;
  maxStamina: number;
  mana: number;
  maxMana: number;
}

export interface CharacterRecord extends CharacterResources, CharacterStats, Vector3 {
  id: string;
  accountId: string;
  name: string;
  archetype: string;
  level: number;
  xp: number;
  zoneId: string;
  heading: number;
  createdAt: Date;
  updatedAt: Date;
  /** Fencing token of the last accepted save (stored as BIGINT). */
  lastSavedEpoch: bigint;
  coins: number;
  /** Loot waiting for /loot, or null. */
  lootWindow: LootWindowSave | null;
}

export interface ZoneBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface ZoneRecord {
  id: string;
  name: string;
  bounds: ZoneBounds;
  spawn: { x: number; y: number };
  /** Zones a character can walk into from this one, sorted by id. */
  adjacentZoneIds: string[];
  /** Who may hurt whom (docs/gameplay.md, "Player versus player"). */
  pvp: PvpPolicy;
}

export const PVP_POLICIES = ['safe', 'duel', 'open'] as const;
/** `safe`: no player harms another; `duel`: only in a /duel both agreed to; `open`: anyone but party members. */
export type PvpPolicy = (typeof PVP_POLICIES)[number];
