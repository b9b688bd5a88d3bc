import type { Archetype, CharacterSummary } from '@aether/shared';

/** What the gateway needs from persistence; the composition root adapts the database to these. */
export interface AccountStore {
  findOrCreate(username: string): Promise<{ id: string; username: string; role: 'player' | 'admin' }>;
}

export class CharacterNameTakenError extends Error {
  constructor(name: string, options?: { cause?: unknown }) {
    super(`the name "${name}" is taken`, options);
    this.name = 'CharacterNameTakenError';
  }
}

export interface CharacterDirectory {
  listByAccount(accountId: string): Promise<CharacterSummary[]>;
  /** Throws CharacterNameTakenError when the name (case-insensitively) exists. */
  create(accountId: string, name: string, archetype: Archetype): Promise<CharacterSummary>;
  findOwned(accountId: string, characterId: string): Promise<CharacterSummary | null>;
}
