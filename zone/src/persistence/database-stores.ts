import { Archetype } from '@aether/shared';
import type { CharacterRecord as DbCharacter, CharacterRepository, EpochFence, ZoneRepository } from '@aether/shared/db';
import type { ZoneDef } from '../world/types.js';
import type { CharacterRecord, CharacterStore, PositionSnapshot, ZoneCatalog } from '../server/ports.js';

/** The zone's view of the database: load characters, checkpoint them, list zones. */
export class DatabaseCharacterStore implements CharacterStore {
  constructor(private readonly characters: CharacterRepository) {}

  async load(characterId: string): Promise<CharacterRecord | null> {
    const row = await this.characters.findById(characterId);
    return row ? toZoneCharacter(row) : null;
  }

  async savePositions(snapshots: PositionSnapshot[], fence?: EpochFence): Promise<void> {
    await this.characters.savePositions(snapshots, fence);
  }
}

export class DatabaseZoneCatalog implements ZoneCatalog {
  constructor(private readonly zones: ZoneRepository) {}

  async listZones(): Promise<ZoneDef[]> {
    const rows = await this.zones.listZones();
    const bounds = new Map(rows.map((row) => [row.id, row.bounds]));
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      bounds: row.bounds,
      spawn: row.spawn,
      adjacent: row.adjacentZoneIds,
      neighbors: row.adjacentZoneIds.flatMap((id) => {
        const area = bounds.get(id);
        return area ? [{ id, bounds: area }] : [];
      }),
    }));
  }
}

function toZoneCharacter(row: DbCharacter): CharacterRecord {
  const archetype = Archetype.safeParse(row.archetype);
  // An archetype retired from the game still loads, as the default one.
  return { ...row, archetype: archetype.success ? archetype.data : 'warrior' };
}
