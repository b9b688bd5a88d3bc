import type { PrismaClient } from './generated/client.js';
import type { NewRefreshToken, RefreshTokenRecord, RefreshTokenRepository } from './refresh-token-repository.js';

export class PrismaRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly client: PrismaClient) {}

  async create(token: NewRefreshToken): Promise<RefreshTokenRecord> {
    return this.client.refreshToken.create({ data: token });
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.client.refreshToken.findUnique({ where: { tokenHash } });
  }

  async rotate(id: string, at: Date, next: NewRefreshToken): Promise<RefreshTokenRecord | null> {
    return this.client.$transaction(async (tx) => {
      // The conditional update is the lock: of two concurrent uses only one sees count 1.
      const { count } = await tx.refreshToken.updateMany({ where: { id, usedAt: null, revokedAt: null }, data: { usedAt: at } });
      if (count === 0) return null;
      return tx.refreshToken.create({ data: next });
    });
  }

  async revokeFamily(family: string, at: Date): Promise<number> {
    const { count } = await this.client.refreshToken.updateMany({ where: { family, revokedAt: null }, data: { revokedAt: at } });
    return count;
  }

  async revokeAccount(accountId: string, at: Date): Promise<number> {
    const { count } = await this.client.refreshToken.updateMany({ where: { accountId, revokedAt: null }, data: { revokedAt: at } });
    return count;
  }

  async deleteExpired(before: Date): Promise<number> {
    const { count } = await this.client.refreshToken.deleteMany({ where: { expiresAt: { lt: before } } });
    return count;
  }
}
