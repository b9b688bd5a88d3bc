import type { AccountRepository } from '@aether/shared/db';
import type { Authenticator, HandshakeVerdict } from '../account.js';
import type { AuthMetrics } from '../auth-metrics.js';
import { banRefusal } from '../ban.js';
import { handshakeToken, NO_TOKEN } from '../handshake-token.js';
import { parseDevToken } from './dev-token.js';

/**
 * AUTH_MODE=dev: the token `dev:<name>` is the account, created on first use.
 * Anyone can be anyone, so the composition roots refuse this mode unless
 * ALLOW_DEV_LOGIN=1 (and the chart refuses it on a public Service).
 */
export class DevAuthenticator implements Authenticator {
  constructor(
    private readonly accounts: Pick<AccountRepository, 'findOrCreateByUsername'>,
    private readonly metrics?: AuthMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(auth: unknown): Promise<HandshakeVerdict> {
    try {
      const verdict = await this.decide(auth);
      this.metrics?.attempt('handshake', verdict.ok ? 'ok' : verdict.code);
      return verdict;
    } catch (error) {
      this.metrics?.attempt('handshake', 'error');
      throw error;
    }
  }

  private async decide(auth: unknown): Promise<HandshakeVerdict> {
    const token = handshakeToken(auth);
    if (token === undefined) return NO_TOKEN;
    const parsed = parseDevToken(token);
    if (!parsed.ok) return { ok: false, code: 'unauthorized', message: parsed.message };
    const account = await this.accounts.findOrCreateByUsername(parsed.username);
    const banned = banRefusal(account, this.now());
    if (banned) return banned;
    return { ok: true, account: { id: account.id, username: account.username, role: account.role === 'admin' ? 'admin' : 'player' } };
  }
}
