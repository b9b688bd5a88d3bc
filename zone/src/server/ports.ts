import type { Archetype } from '@aether/shared';
import type { EpochFence, CharacterRecord as StoredCharacter, PositionSave } from '@aether/shared/db';
import type { CombatLoadout } from '../combat/loadout.js';
import type { ZoneDef } from '../world/types.js';

/** The persisted character as the zone needs it; the composition root adapts the database to this. */
export type CharacterRecord = Pick<
  StoredCharacter,
  'id' | 'name' | 'level' | 'zoneId' | 'x' | 'y' | 'z' | 'heading' | 'hp' | 'maxHp' | 'stamina' | 'maxStamina' | 'mana' | 'maxMana'
> & { archetype: Archetype } & Partial<Pick<StoredCharacter, 'xp' | 'strength' | 'agility' | 'intellect' | 'speed'>> & {
    /** Abilities, bags and weapon resolved at load; without it the archetype's defaults apply. */
    loadout?: CombatLoadout;
  };

/** What a checkpoint writes for one live character. */
export type PositionSnapshot = PositionSave;

export interface CharacterStore {
  load(characterId: string): Promise<CharacterRecord | null>;
  /** With a fence, throws StaleEpochError when another process owns the zone now. */
  savePositions(snapshots: PositionSnapshot[], fence?: EpochFence): Promise<void>;
}

export interface ZoneCatalog {
  listZones(): Promise<ZoneDef[]>;
}
