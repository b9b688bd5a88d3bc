import type { AccountRepository } from './account-repository.js';
import { isUniqueViolation } from './errors.js';
import type { PrismaClient } from './generated/client.js';
import type { AccountRecord } from './records.js';

export class PrismaAccountRepository implements AccountRepository {
  constructor(private readonly client: PrismaClient) {}

  async findOrCreateByUsername(username: string): Promise<AccountRecord> {
    try {
      return await this.client.account.upsert({ where: { username }, create: { username }, update: {} });
    } catch (error) {
      // Two first logins raced and the other insert won: its row is the answer.
      if (isUniqueViolation(error)) {
        const existing = await this.client.account.findUnique({ where: { username } });
        if (existing) return existing;
      }
      throw new Error(`could not find or create account "${username}"`, { cause: error });
    }
  }
}
