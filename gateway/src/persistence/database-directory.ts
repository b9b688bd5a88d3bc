import { Archetype, ARCHETYPES, type CharacterSummary } from '@aether/shared';
import { NameTakenError, type AccountRepository, type CharacterRecord, type CharacterRepository } from '@aether/shared/db';
import { CharacterNameTakenError, type AccountStore, type CharacterDirectory } from '../ports.js';

export class DatabaseAccountStore implements AccountStore {
  constructor(private readonly accounts: AccountRepository) {}

  async findOrCreate(username: string): Promise<{ id: string; username: string; role: 'player' | 'admin' }> {
    const account = await this.accounts.findOrCreateByUsername(username);
    return { id: account.id, username: account.username, role: account.role === 'admin' ? 'admin' : 'player' };
  }
}

export class DatabaseCharacterDirectory implements CharacterDirectory {
  constructor(private readonly characters: CharacterRepository) {}

  async listByAccount(accountId: string): Promise<CharacterSummary[]> {
    return (await this.characters.listByAccount(accountId)).map(toSummary);
  }

  async create(accountId: string, name: string, archetype: Archetype): Promise<CharacterSummary> {
    const { stats, resources } = ARCHETYPES[archetype];
    try {
      return toSummary(await this.characters.create(accountId, { name, archetype, stats, resources }));
    } catch (error) {
      if (error instanceof NameTakenError) throw new CharacterNameTakenError(name, { cause: error });
      throw error;
    }
  }

  async findOwned(accountId: string, characterId: string): Promise<CharacterSummary | null> {
    const row = await this.characters.findById(characterId);
    return row && row.accountId === accountId ? toSummary(row) : null;
  }
}

function toSummary(row: CharacterRecord): CharacterSummary {
  const archetype = Archetype.safeParse(row.archetype);
  return { id: row.id, name: row.name, archetype: archetype.success ? archetype.data : 'warrior', level: row.level, zoneId: row.zoneId };
}
