import { createHash, randomBytes } from 'node:crypto';
import type { MessageBus } from '@aether/shared';
import { z } from 'zod';

const Stored = z.object({ accountId: z.string(), characterId: z.string() });
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** The registry keys: by the token's SHA-256 (a Redis dump reveals no usable token), and the account's one live token. */
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const tokenKey = (hash: string) => `session:resume:${hash}`;
const accountKey = (accountId: string) => `session:resume-account:${accountId}`;

export type Redemption = { ok: true; characterId: string } | { ok: false; reason: 'malformed' | 'unknown' | 'other_account' | 'replaced' };

/**
 * Resume tokens let a client whose gateway died continue on another gateway
 * without selecting its character again: the token names the account and
 * the character that was in the world.
 *
 * - Stored hashed: the registry key is the SHA-256 of the token, never the token.
 * - Single-use: redeeming takes the key atomically (MessageBus.take), so of
 *   two gateways racing with one token exactly one wins.
 * - One live token per account: the account's index key names the current
 *   token; issuing a new one deletes the previous, and a token the index no
 *   longer names (two issued at once on two gateways) is refused.
 * - Revoked with the account's sessions (`revokeAccount`, on logout).
 * - Expire after `ttlMs` (10 minutes) unused.
 */
export class ResumeTokens {
  constructor(
    private readonly bus: MessageBus,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  async issue(accountId: string, characterId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const hash = hashOf(token);
    await this.bus.set(tokenKey(hash), JSON.stringify({ accountId, characterId }), { ttlMs: this.ttlMs });
    const previous = await this.bus.get(accountKey(accountId));
    await this.bus.set(accountKey(accountId), hash, { ttlMs: this.ttlMs });
    if (previous && previous !== hash) await this.bus.del(tokenKey(previous));
    return token;
  }

  /** Spends the token: the character it resumes, if it is live, current and this account's. */
  async redeem(token: string, accountId: string): Promise<Redemption> {
    if (!TOKEN_FORMAT.test(token)) return { ok: false, reason: 'malformed' };
    const hash = hashOf(token);
    const text = await this.bus.take(tokenKey(hash));
    if (text === null) return { ok: false, reason: 'unknown' };
    const stored = Stored.safeParse(safeJson(text));
    // Spent either way: a token shown by another account has leaked, and is no good to its owner now.
    if (!stored.success || stored.data.accountId !== accountId) return { ok: false, reason: 'other_account' };
    if (!(await this.bus.deleteIfEqual(accountKey(accountId), hash))) return { ok: false, reason: 'replaced' };
    return { ok: true, characterId: stored.data.characterId };
  }

  /** Revokes the account's live token (logout). */
  async revokeAccount(accountId: string): Promise<void> {
    const hash = await this.bus.take(accountKey(accountId));
    if (hash) await this.bus.del(tokenKey(hash));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
