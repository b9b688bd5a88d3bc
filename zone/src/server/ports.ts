import type { Archetype } from '@aether/shared';
import type {
  CharacterQuestRecord,
  EpochFence,
  LootWindowSave,
  PositionSave,
  ProgressSave,
  QuestChange,
  SlotChange,
  CharacterRecord as StoredCharacter,
} from '@aether/shared/db';
import type { CombatLoadout } from '../combat/loadout.js';
import type { ZoneDef } from '../world/types.js';

/** The persisted character as the zone needs it; the composition root adapts the database to this. */
export type CharacterRecord = Pick<
  StoredCharacter,
  'id' | 'name' | 'level' | 'zoneId' | 'x' | 'y' | 'z' | 'heading' | 'hp' | 'maxHp' | 'stamina' | 'maxStamina' | 'mana' | 'maxMana'
> & { archetype: Archetype } & Partial<Pick<StoredCharacter, 'xp' | 'coins' | 'lootWindow' | 'strength' | 'agility' | 'intellect' | 'speed'>> & {
    /** Abilities, bags and weapon resolved at load; without it the archetype's defaults apply. */
    loadout?: CombatLoadout;
    /** The account's standing, from PostgreSQL; without it the player is no admin and not muted. */
    account?: AccountStanding;
    /** The quest log (character_quest rows), loaded with the character; without it the log starts empty. */
    quests?: CharacterQuestRecord[];
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

/** One write-through effect for the game-writes outbox (zone/src/persistence/outbox). */
/**
 * One piece of a character's change set. Parts added in one synchronous pass
 * (one tick's effects) join one change set, so a trade's slots and coins
 * commit together or not at all.
 */
export type ChangePart =
  | { progress: ProgressSave }
  | { learned: string }
  | { slot: SlotChange }
  | { coins: number }
  | { quest: QuestChange }
  | { lootWindow: LootWindowSave | null };

/** The zone (and its owner epoch, when ownership is fenced) a change was made in. */
export interface ChangeOrigin {
  zoneId: string;
  epoch?: number | undefined;
}

/** Why unwritten game changes were dropped (the `reason` label of aether_zone_outbox_drops_total). */
export type DropReason = 'stale_epoch' | 'zone_lost' | 'rejected' | 'shutdown';

/**
 * Progress, learned abilities and bag slots on their way to the database
 * (docs/database.md, "Fenced game writes"); the ChangeOutbox implements it.
 */
export interface GameWrites {
  /** Queues a change; never waits for the database. */
  add(characterId: string, origin: ChangeOrigin, part: ChangePart): void;
  /** True once `characterIds` (everyone when absent) have nothing left to write, false after `timeoutMs`. */
  flush(characterIds?: Iterable<string>, timeoutMs?: number): Promise<boolean>;
  /** The zone is no longer owned here: its unwritten changes can never commit, and are dropped. */
  dropZone(zoneId: string, reason?: DropReason): void;
  /** Writes what it can within `timeoutMs`, drops the rest, and takes no more. */
  stop(timeoutMs?: number): Promise<void>;
}
