import type { CharacterRecord, CharacterResources, CharacterStats } from './records.js';

export interface NewCharacter {
  name: string;
  archetype: string;
  /** Defaults to the repository's starting zone. */
  zoneId?: string;
  /** Defaults to the zone's spawn point. */
  position?: { x: number; y: number; z?: number; heading?: number };
  /** Missing values take the schema defaults. */
  stats?: Partial<CharacterStats>;
  resources?: Partial<CharacterResources>;
}

/** What the zone server checkpoints for a live character. */
export interface PositionSave {
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

/** The zone and epoch a writer believes it owns (docs/design.md §5 fencing). */
export interface EpochFence {
  zoneId: string;
  epoch: number;
}

export interface CharacterRepository {
  /** Oldest first. */
  listByAccount(accountId: string): Promise<CharacterRecord[]>;
  /** Throws NameTakenError when the name is in use in any letter case. */
  create(accountId: string, character: NewCharacter): Promise<CharacterRecord>;
  findById(id: string): Promise<CharacterRecord | null>;
  /** Case-insensitive. */
  findByName(name: string): Promise<CharacterRecord | null>;
  /**
   * Writes the whole batch atomically (all rows or none) and returns how many
   * characters were updated; ids that do not exist are skipped. With a fence,
   * the write happens only while `fence.zoneId` is still owned at `fence.epoch`;
   * otherwise it throws StaleEpochError and writes nothing.
   */
  savePositions(batch: readonly PositionSave[], fence?: EpochFence): Promise<number>;
}
