import type { Archetype } from '@aether/shared';
import type { ZoneDef } from '../world/types.js';

/** The persisted character as the zone needs it; the composition root adapts the database to this. */
export interface CharacterRecord {
  id: string;
  name: string;
  archetype: Archetype;
  level: number;
  zoneId: string;
  x: number;
  y: number;
  z: number;
  heading: number;
  hp: number;
  maxHp: number;
  stamina: number;
  maxStamina: number;
  mana: number;
  maxMana: number;
}

export interface PositionSnapshot {
  id: string;
  zoneId: string;
  x: number;
  y: number;
  z: number;
  heading: number;
  hp: number;
  stamina: number;
  mana: number;
}

export interface CharacterStore {
  load(characterId: string): Promise<CharacterRecord | null>;
  savePositions(snapshots: PositionSnapshot[]): Promise<void>;
}

export interface ZoneCatalog {
  listZones(): Promise<ZoneDef[]>;
}
