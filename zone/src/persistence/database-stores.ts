import { Archetype } from '@aether/shared';
import type {
  AbilityRepository,
  AccountStanding as DbStanding,
  CharacterRecord as DbCharacter,
  CharacterRepository,
  EpochFence,
  InventoryRepository,
  ModerationRepository,
  QuestRepository,
  ZoneRepository,
} from '@aether/shared/db';
import type { AbilityCatalog } from '../combat/abilities/ability-catalog.js';
import type { ItemCatalog } from '../combat/items/item-catalog.js';
import { resolveLoadout } from '../combat/loadout.js';
import type { ZoneDef } from '../world/types.js';
import type { AccountStanding, CharacterRecord, CharacterStore, PositionSnapshot, ZoneCatalog } from '../server/ports.js';

/** Where a character's abilities and bags come from, and the catalogs that give their ids meaning. */
export interface CombatSources {
  abilities: AbilityRepository;
  inventory: InventoryRepository;
  catalogs: { abilities: AbilityCatalog; items: ItemCatalog };
}

/**
 * The zone's view of the database: load characters (with their combat
 * loadout and their account's standing: admin role, mute), checkpoint them,
 * list zones. `now` is the wall clock a mute is compared with.
 */
export class DatabaseCharacterStore implements CharacterStore {
  constructor(
    private readonly characters: CharacterRepository,
    private readonly combat?: CombatSources,
    private readonly moderation?: ModerationRepository,
    private readonly now: () => number = Date.now,
    /** Where quest logs come from; without it characters enter with an empty log. */
    private readonly quests?: Pick<QuestRepository, 'listCharacterQuests'>,
  ) {}

  async load(characterId: string): Promise<CharacterRecord | null> {
    const [row, standing, quests] = await Promise.all([
      this.characters.findById(characterId),
      this.standing(characterId),
      this.quests?.listCharacterQuests(characterId),
    ]);
    if (!row) return null;
    const character = { ...toZoneCharacter(row), ...(standing ? { account: standing } : {}), ...(quests ? { quests } : {}) };
    if (!this.combat) return character;
    const { abilities, inventory, catalogs } = this.combat;
    const [learned, bags] = await Promise.all([abilities.listLearned(characterId), inventory.listInventory(characterId)]);
    return { ...character, loadout: resolveLoadout(character, { learned, inventory: bags }, catalogs) };
  }

  async standing(characterId: string): Promise<AccountStanding | null> {
    if (!this.moderation) return null;
    const standing = await this.moderation.standingOfCharacter(characterId);
    return standing ? toZoneStanding(standing, this.now()) : null;
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
      pvp: row.pvp,
      neighbors: row.adjacentZoneIds.flatMap((id) => {
        const area = bounds.get(id);
        return area ? [{ id, bounds: area }] : [];
      }),
    }));
  }
}

/** The role is read here, from the database, and nowhere else: a client never says who is an admin. */
export function toZoneStanding(standing: DbStanding, now: number): AccountStanding {
  const mutedUntil = standing.mutedUntil?.getTime();
  const bannedUntil = standing.bannedUntil?.getTime();
  return {
    id: standing.accountId,
    admin: standing.role === 'admin',
    ...(mutedUntil !== undefined && mutedUntil > now ? { mutedUntil } : {}),
    ...(bannedUntil !== undefined && bannedUntil > now ? { bannedUntil } : {}),
  };
}

function toZoneCharacter(row: DbCharacter): CharacterRecord {
  const archetype = Archetype.safeParse(row.archetype);
  // An archetype retired from the game still loads, as the default one.
  return { ...row, archetype: archetype.success ? archetype.data : 'warrior' };
}
