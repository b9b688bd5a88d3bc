import { randomBytes } from 'node:crypto';
import { UsernameTakenError, type AccountCredentials, type AccountRepository, type AccountRole, type ExternalIdentity } from './account-repository.js';
import { isUniqueViolation } from './errors.js';
import type { PrismaClient } from './generated/client.js';
import type { AccountRecord } from './records.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USERNAME_MAX = 32;
/** Numbered suffixes tried before random ones: "alice", "alice-2" … "alice-9". */
const NUMBERED_SUFFIXES = 8;
const RANDOM_SUFFIXES = 8;

// Only these columns leave the repository as an AccountRecord, so a password
// hash never rides along into logs or replies by accident.
const RECORD_FIELDS = { id: true, username: true, createdAt: true, role: true, bannedUntil: true, banReason: true, mutedUntil: true } as const;

export class PrismaAccountRepository implements AccountRepository {
  constructor(private readonly client: PrismaClient) {}

  async findOrCreateByUsername(username: string): Promise<AccountRecord> {
    try {
      return await this.client.account.upsert({ where: { username }, create: { username }, update: {}, select: RECORD_FIELDS });
    } catch (error) {
      // Two first logins raced and the other insert won: its row is the answer.
      if (isUniqueViolation(error)) {
        const existing = await this.findByUsername(username);
        if (existing) return existing;
      }
      throw new Error(`could not find or create account "${username}"`, { cause: error });
    }
  }

  async findById(id: string): Promise<AccountRecord | null> {
    if (!UUID.test(id)) return null;
    return this.client.account.findUnique({ where: { id }, select: RECORD_FIELDS });
  }

  async findByUsername(username: string): Promise<AccountRecord | null> {
    return this.client.account.findUnique({ where: { username }, select: RECORD_FIELDS });
  }

  async findCredentials(username: string): Promise<AccountCredentials | null> {
    const row = await this.client.account.findUnique({ where: { username }, select: { ...RECORD_FIELDS, passwordHash: true } });
    if (!row) return null;
    const { passwordHash, ...account } = row;
    return { account, passwordHash };
  }

  async createWithPassword(username: string, passwordHash: string): Promise<AccountRecord> {
    try {
      return await this.client.account.create({ data: { username, passwordHash }, select: RECORD_FIELDS });
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsernameTakenError(username, { cause: error });
      throw new Error(`could not create account "${username}"`, { cause: error });
    }
  }

  async setPasswordHash(accountId: string, passwordHash: string): Promise<void> {
    await this.client.account.update({ where: { id: accountId }, data: { passwordHash }, select: { id: true } });
  }

  async findOrCreateByIdentity(identity: ExternalIdentity, baseUsername: string): Promise<AccountRecord> {
    const where = { issuer_subject: { issuer: identity.issuer, subject: identity.subject } };
    const existing = await this.client.account.findUnique({ where, select: RECORD_FIELDS });
    if (existing) return existing;
    for (let attempt = 0; attempt < 1 + NUMBERED_SUFFIXES + RANDOM_SUFFIXES; attempt++) {
      const username = withSuffix(baseUsername, attempt);
      try {
        return await this.client.account.create({ data: { username, issuer: identity.issuer, subject: identity.subject }, select: RECORD_FIELDS });
      } catch (error) {
        if (!isUniqueViolation(error)) throw new Error(`could not create the account of ${identity.issuer} subject ${identity.subject}`, { cause: error });
        // Either a concurrent first login of the same identity won (its row is the answer) or the username is taken (try the next).
        const raced = await this.client.account.findUnique({ where, select: RECORD_FIELDS });
        if (raced) return raced;
      }
    }
    throw new Error(`no free username found for "${baseUsername}"`);
  }

  async setRole(username: string, role: AccountRole): Promise<AccountRecord | null> {
    const { count } = await this.client.account.updateMany({ where: { username }, data: { role } });
    return count === 0 ? null : this.findByUsername(username);
  }
}

/** "alice", then "alice-2" … "alice-9", then "alice-<4 random hex>", each cut to fit 32 characters. */
function withSuffix(base: string, attempt: number): string {
  if (attempt === 0) return base.slice(0, USERNAME_MAX);
  const suffix = attempt <= NUMBERED_SUFFIXES ? `-${attempt + 1}` : `-${randomBytes(2).toString('hex')}`;
  return `${base.slice(0, USERNAME_MAX - suffix.length)}${suffix}`;
}
