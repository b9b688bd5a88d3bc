import { UsernameTakenError, type AccountRecord, type AccountRepository } from '@aether/shared/db';
import type { Logger } from '@aether/shared/observability';
import type { AuthAction, AuthLimit, AuthMetrics, AuthOutcome } from '../auth-metrics.js';
import { banRefusal } from '../ban.js';
import type { LoginThrottle } from '../throttle/login-throttle.js';
import type { AccessTokens } from './access-tokens.js';
import { USERNAME_RULE } from './credentials.js';
import { HashingBusyError, type HashingGate } from './hashing-gate.js';
import type { PasswordHasher } from './password-hasher.js';
import type { RefreshTokens } from './refresh-tokens.js';

/** What a successful register, login or refresh answers (docs/operations.md, "Authentication"). */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token is valid. */
  expiresIn: number;
  tokenType: 'Bearer';
  account: { username: string; role: 'player' | 'admin' };
}

export type AuthFailureCode = 'invalid_payload' | 'invalid_credentials' | 'unauthorized' | 'username_taken' | 'banned' | 'rate_limited';
export interface AuthFailure {
  ok: false;
  code: AuthFailureCode;
  message: string;
  retryAfterSeconds?: number;
  /** For the metrics: the refresh token had been used before (its family is now revoked). */
  reused?: true;
}
export type SessionResult = { ok: true; session: SessionTokens } | AuthFailure;

/** One message for a wrong username and a wrong password alike. */
const INVALID_CREDENTIALS: AuthFailure = { ok: false, code: 'invalid_credentials', message: 'Wrong username or password.' };
const SESSION_ENDED: AuthFailure = { ok: false, code: 'unauthorized', message: 'This session has ended; log in again.' };
const BUSY: AuthFailure = { ok: false, code: 'rate_limited', message: 'The server is busy checking passwords; try again in a moment.', retryAfterSeconds: 1 };

export interface PasswordAccountsDeps {
  accounts: AccountRepository;
  hasher: PasswordHasher;
  gate: HashingGate;
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokens;
  throttle: LoginThrottle;
  metrics: AuthMetrics;
  logger: Logger;
  now: () => number;
}

/**
 * Password mode's account operations: register, log in, refresh, log out.
 * Transport-free (the HTTP routes map results to status codes); every outcome
 * is counted, and nothing here ever logs a password or a token.
 */
export class PasswordAccounts {
  constructor(private readonly deps: PasswordAccountsDeps) {}

  async register(username: string, password: string, ip: string): Promise<SessionResult> {
    return this.counted('register', async () => {
      const allowed = this.deps.throttle.reserveRegistration(ip);
      if (!allowed.ok) return this.throttled(allowed.limit, 'Too many new accounts from this address; try again later.', allowed.retryAfterSeconds);
      const hash = await this.hash(password);
      let account: AccountRecord;
      try {
        account = await this.deps.accounts.createWithPassword(username, hash);
      } catch (error) {
        if (error instanceof UsernameTakenError) return { ok: false, code: 'username_taken', message: `The username "${username}" is taken.` };
        throw error;
      }
      this.deps.logger.info({ account: account.username, ip }, 'account registered');
      return { ok: true, session: await this.startSession(account) };
    });
  }

  async login(username: string, password: string, ip: string): Promise<SessionResult> {
    return this.counted('login', async () => {
      // Reserved before the work, so parallel guesses cannot all pass the check before the first failure counts.
      const reservation = this.deps.throttle.reserveLogin(ip, username);
      if (!reservation.ok) return this.throttled(reservation.limit, 'Too many failed logins; try again later.', reservation.retryAfterSeconds);
      let credentials: Awaited<ReturnType<AccountRepository['findCredentials']>>;
      let matches: boolean;
      try {
        credentials = USERNAME_RULE.test(username) ? await this.deps.accounts.findCredentials(username) : null;
        const stored = credentials?.passwordHash;
        // No such account (or one without a password): the same scrypt work against a dummy, so timing tells nothing.
        matches = await this.deps.gate.run(() =>
          this.timed(() => (stored ? this.deps.hasher.verify(password, stored) : this.deps.hasher.verifyDummy(password))),
        );
      } catch (error) {
        reservation.release(); // not the client's failure
        throw error;
      }
      if (!credentials || !matches) return INVALID_CREDENTIALS; // the reservation stays taken: a failure
      reservation.release();
      const banned = banRefusal(credentials.account, this.deps.now());
      if (banned) return banned;
      if (this.deps.hasher.needsRehash(credentials.passwordHash!)) this.upgradeHash(credentials.account.id, password);
      return { ok: true, session: await this.startSession(credentials.account) };
    });
  }

  async refresh(refreshToken: string, ip: string): Promise<SessionResult> {
    return this.counted('refresh', async () => {
      const reservation = this.deps.throttle.reserveRefresh(ip);
      if (!reservation.ok)
        return this.throttled(reservation.limit, 'Too many failed attempts from this address; try again later.', reservation.retryAfterSeconds);
      const inspected = await this.deps.refreshTokens.inspect(refreshToken);
      if (!inspected.ok) {
        if (inspected.reason === 'reused') {
          this.deps.logger.warn({ ip }, 'a refresh token was used twice: its whole family is revoked');
          return { ...SESSION_ENDED, reused: true };
        }
        return SESSION_ENDED;
      }
      reservation.release();
      const account = await this.deps.accounts.findById(inspected.record.accountId);
      if (!account) return SESSION_ENDED;
      const banned = banRefusal(account, this.deps.now());
      if (banned) {
        await this.deps.refreshTokens.revokeFamily(inspected.record.family);
        return banned;
      }
      const next = await this.deps.refreshTokens.rotate(inspected.record);
      if (!next) {
        this.deps.logger.warn({ account: account.username, ip }, 'a refresh token was used twice at once: its whole family is revoked');
        return { ...SESSION_ENDED, reused: true };
      }
      return { ok: true, session: await this.session(account, next) };
    });
  }

  /** Revokes the token's family; the account it belonged to (for the onLogout hook), if known. Never fails for an unknown token. */
  async logout(refreshToken: string): Promise<string | undefined> {
    try {
      const accountId = await this.deps.refreshTokens.revoke(refreshToken);
      this.deps.metrics.attempt('logout', 'ok');
      return accountId;
    } catch (error) {
      this.deps.metrics.attempt('logout', 'error');
      throw error;
    }
  }

  private async startSession(account: AccountRecord): Promise<SessionTokens> {
    return this.session(account, await this.deps.refreshTokens.issue(account.id));
  }

  private async session(account: AccountRecord, refreshToken: string): Promise<SessionTokens> {
    return {
      accessToken: await this.deps.accessTokens.issue(account.id),
      refreshToken,
      expiresIn: this.deps.accessTokens.ttlSeconds,
      tokenType: 'Bearer',
      account: { username: account.username, role: account.role === 'admin' ? 'admin' : 'player' },
    };
  }

  private async hash(password: string): Promise<string> {
    return this.deps.gate.run(() => this.timed(() => this.deps.hasher.hash(password)));
  }

  private async timed<T>(work: () => Promise<T>): Promise<T> {
    const stop = this.deps.metrics.hashSeconds.startTimer();
    try {
      return await work();
    } finally {
      stop();
    }
  }

  private upgradeHash(accountId: string, password: string): void {
    this.hash(password)
      .then((hash) => this.deps.accounts.setPasswordHash(accountId, hash))
      .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not re-hash a password with the current parameters'));
  }

  private throttled(limit: AuthLimit, message: string, retryAfterSeconds: number): AuthFailure {
    this.deps.metrics.throttle(limit);
    return { ok: false, code: 'rate_limited', message, retryAfterSeconds };
  }

  private async counted(action: AuthAction, work: () => Promise<SessionResult>): Promise<SessionResult> {
    let result: SessionResult;
    try {
      result = await work();
    } catch (error) {
      if (error instanceof HashingBusyError) {
        this.deps.metrics.throttle('hashing_busy');
        result = BUSY;
      } else {
        this.deps.metrics.attempt(action, 'error');
        throw error;
      }
    }
    const outcome: AuthOutcome = result.ok ? 'ok' : result.reused ? 'reused' : result.code;
    this.deps.metrics.attempt(action, outcome);
    return result;
  }
}
