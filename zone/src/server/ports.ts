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
    /** The account's standing, from PostgreSQL; without it the player is no admin and not muted. */
    account?: AccountStanding;
  };

/** What the zone holds about the account behind a player (docs/gameplay.md, "Administration"). */
export interface AccountStanding {
  id: string;
  admin: boolean;
  /** Wall-clock ms (epoch), only when in the future at load. */
  mutedUntil?: number;
  /** Wall-clock ms (epoch), only when in the future at load: the zone does not let the character in. */
  bannedUntil?: number;
}

/** What a checkpoint writes for one live character. */
export type PositionSnapshot = PositionSave;

export interface CharacterStore {
  load(characterId: string): Promise<CharacterRecord | null>;
  /** With a fence, throws StaleEpochError when another process owns the zone now. */
  savePositions(snapshots: PositionSnapshot[], fence?: EpochFence): Promise<void>;
  /** The account's standing alone, reloaded when a character already in the zone joins again (a new session). */
  standing?(characterId: string): Promise<AccountStanding | null>;
}

export interface ZoneCatalog {
  listZones(): Promise<ZoneDef[]>;
}
