/** One refresh token as stored: only its SHA-256, never the token itself. */
export interface RefreshTokenRecord {
  id: string;
  accountId: string;
  tokenHash: string;
  /** Every token rotated from one login shares the login's family. */
  family: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewRefreshToken {
  accountId: string;
  tokenHash: string;
  family: string;
  expiresAt: Date;
}

export interface RefreshTokenRepository {
  create(token: NewRefreshToken): Promise<RefreshTokenRecord>;
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /**
   * Marks the token used and stores its successor, in one transaction. Null
   * when the token was already used or revoked by then (a concurrent or
   * replayed use): nothing is stored.
   */
  rotate(id: string, at: Date, next: NewRefreshToken): Promise<RefreshTokenRecord | null>;
  /** Revokes every token of the family that is not revoked yet; returns how many. */
  revokeFamily(family: string, at: Date): Promise<number>;
  /** Revokes every live token of the account (logout everywhere, ban). */
  revokeAccount(accountId: string, at: Date): Promise<number>;
  /** Deletes tokens that expired before `before`; returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
