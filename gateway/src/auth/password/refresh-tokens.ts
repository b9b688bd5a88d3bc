import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { RefreshTokenRecord, RefreshTokenRepository } from '@aether/shared/db';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export type RefreshInspection = { ok: true; record: RefreshTokenRecord } | { ok: false; reason: 'invalid' | 'reused' };

/** SHA-256 of the token: all the database ever holds, so a leaked table logs nobody in. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Password mode's refresh tokens: 256 random bits, stored hashed. Each use
 * rotates the token within its family (one family per login); presenting a
 * token that was already used means two parties hold it, so the whole family
 * is revoked and both must log in again. Every rotation starts a new ttl, so a
 * player who plays at least once per ttl stays logged in.
 */
export class RefreshTokens {
  private lastPrune = 0;

  constructor(
    private readonly repository: RefreshTokenRepository,
    private readonly ttlDays: number,
    private readonly now: () => number = Date.now,
    private readonly onPruneError: (error: unknown) => void = () => {},
  ) {}

  /** A new token for the account, in a new family (a login) or the given one (a rotation). */
  async issue(accountId: string, family: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.repository.create({ accountId, tokenHash: hashRefreshToken(token), family, expiresAt: this.expiry() });
    this.pruneNowAndThen();
    return token;
  }

  /** Whether the token may be rotated; a reused one revokes its family before answering. */
  async inspect(token: string): Promise<RefreshInspection> {
    if (!TOKEN.test(token)) return { ok: false, reason: 'invalid' };
    const record = await this.repository.findByHash(hashRefreshToken(token));
    if (!record || record.revokedAt) return { ok: false, reason: 'invalid' };
    if (record.usedAt) {
      await this.repository.revokeFamily(record.family, new Date(this.now()));
      return { ok: false, reason: 'reused' };
    }
    if (record.expiresAt.getTime() <= this.now()) return { ok: false, reason: 'invalid' };
    return { ok: true, record };
  }

  /** Uses the inspected token up and returns its successor; null when a concurrent use got there first (the family is then revoked). */
  async rotate(record: RefreshTokenRecord): Promise<string | null> {
    const token = randomBytes(32).toString('base64url');
    const at = new Date(this.now());
    const next = await this.repository.rotate(record.id, at, {
      accountId: record.accountId,
      tokenHash: hashRefreshToken(token),
      family: record.family,
      expiresAt: this.expiry(),
    });
    if (next) return token;
    await this.repository.revokeFamily(record.family, at);
    return null;
  }

  /** Logout: revokes the token's family; the account it belonged to, if the token was known. */
  async revoke(token: string): Promise<string | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const record = await this.repository.findByHash(hashRefreshToken(token));
    if (!record) return undefined;
    await this.repository.revokeFamily(record.family, new Date(this.now()));
    return record.accountId;
  }

  async revokeFamily(family: string): Promise<void> {
    await this.repository.revokeFamily(family, new Date(this.now()));
  }

  private expiry(): Date {
    return new Date(this.now() + this.ttlDays * 24 * 60 * 60 * 1000);
  }

  /** Expired rows are dead weight; deleting them once an hour, off the request's path, keeps the table small. */
  private pruneNowAndThen(): void {
    if (this.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = this.now();
    this.repository.deleteExpired(new Date(this.now())).catch(this.onPruneError);
  }
}
