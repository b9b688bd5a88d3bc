import { characterNameKey } from './character-name.js';
import type { PrismaClient } from './generated/client.js';
import type { AccountStanding, ModerationRepository } from './moderation-repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Never the password hash or identity columns: only what moderation needs.
const SELECT = {
  id: true,
  name: true,
  account: { select: { id: true, username: true, role: true, mutedUntil: true, bannedUntil: true } },
} as const;

type Row = { id: string; name: string; account: { id: string; username: string; role: string; mutedUntil: Date | null; bannedUntil: Date | null } };

export class PrismaModerationRepository implements ModerationRepository {
  constructor(private readonly client: PrismaClient) {}

  async standingOfCharacter(characterId: string): Promise<AccountStanding | null> {
    if (!UUID.test(characterId)) return null;
    const row = await this.client.character.findUnique({ where: { id: characterId }, select: SELECT });
    return row ? toStanding(row) : null;
  }

  async standingOfCharacterNamed(name: string): Promise<AccountStanding | null> {
    const row = await this.client.character.findUnique({ where: { nameKey: characterNameKey(name) }, select: SELECT });
    return row ? toStanding(row) : null;
  }

  async characterIdsOf(accountId: string): Promise<string[]> {
    if (!UUID.test(accountId)) return [];
    const rows = await this.client.character.findMany({ where: { accountId }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    return rows.map((row) => row.id);
  }

  async setMutedUntil(accountId: string, until: Date | null): Promise<void> {
    await this.client.account.update({ where: { id: accountId }, data: { mutedUntil: until }, select: { id: true } });
  }

  async setBan(accountId: string, until: Date | null, reason: string | null): Promise<void> {
    await this.client.account.update({ where: { id: accountId }, data: { bannedUntil: until, banReason: until ? reason : null }, select: { id: true } });
  }
}

function toStanding(row: Row): AccountStanding {
  const { account } = row;
  return {
    accountId: account.id,
    username: account.username,
    characterId: row.id,
    characterName: row.name,
    role: account.role,
    mutedUntil: account.mutedUntil,
    bannedUntil: account.bannedUntil,
  };
}
