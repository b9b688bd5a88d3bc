import type { AccountRepository } from '@aether/shared/db';
import type { Authenticator, HandshakeVerdict } from '../account.js';
import type { AuthMetrics } from '../auth-metrics.js';
import { banRefusal } from '../ban.js';
import { handshakeToken, NO_TOKEN } from '../handshake-token.js';
import type { AccessTokens } from './access-tokens.js';

/**
 * AUTH_MODE=password at the socket handshake: `auth.token` is an access
 * token from /api/auth/login or /api/auth/refresh. The account is read from
 * the database each time, so a ban or a role change applies at the next
 * connect, whatever the token says.
 */
export class PasswordAuthenticator implements Authenticator {
  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly accounts: Pick<AccountRepository, 'findById'>,
    private readonly metrics: AuthMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(auth: unknown): Promise<HandshakeVerdict> {
    try {
      const verdict = await this.decide(auth);
      this.metrics.attempt('handshake', verdict.ok ? 'ok' : verdict.code);
      return verdict;
    } catch (error) {
      this.metrics.attempt('handshake', 'error');
      throw error;
    }
  }

  private async decide(auth: unknown): Promise<HandshakeVerdict> {
    const token = handshakeToken(auth);
    if (token === undefined) return NO_TOKEN;
    const checked = await this.accessTokens.verify(token);
    if (!checked.ok) {
      return {
        ok: false,
        code: 'unauthorized',
        message: checked.expired ? 'the access token has expired; refresh it and connect again' : 'the access token is not valid; log in again',
      };
    }
    const account = await this.accounts.findById(checked.accountId);
    if (!account) return { ok: false, code: 'unauthorized', message: 'this account no longer exists' };
    const banned = banRefusal(account, this.now());
    if (banned) return banned;
    return { ok: true, account: { id: account.id, username: account.username, role: account.role === 'admin' ? 'admin' : 'player' } };
  }
}
