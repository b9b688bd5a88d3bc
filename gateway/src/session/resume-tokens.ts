import { randomBytes } from 'node:crypto';
import type { MessageBus } from '@aether/shared';
import { z } from 'zod';

const Stored = z.object({ username: z.string(), characterId: z.string() });
const key = (token: string) => `session:resume:${token}`;

/**
 * Resume tokens let a client whose gateway died continue on another gateway
 * without logging in again: the token (random, short-lived, kept in the
 * registry every gateway shares) names the account and the character that
 * was in the world.
 */
export class ResumeTokens {
  constructor(
    private readonly bus: MessageBus,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  async issue(username: string, characterId: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.bus.set(key(token), JSON.stringify({ username, characterId }), { ttlMs: this.ttlMs });
    return token;
  }

  /** The character the token resumes, if it is valid and belongs to this account. */
  async redeem(token: string, username: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
    const text = await this.bus.get(key(token));
    if (!text) return undefined;
    const stored = Stored.safeParse(JSON.parse(text));
    if (!stored.success || stored.data.username !== username) return undefined;
    return stored.data.characterId;
  }
}
