import type { KeyObject } from 'node:crypto';
import type { AccountRepository } from '@aether/shared/db';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Authenticator, HandshakeVerdict } from '../account.js';
import type { AuthMetrics } from '../auth-metrics.js';
import { banRefusal } from '../ban.js';
import { handshakeToken, NO_TOKEN } from '../handshake-token.js';
import { displayUsername } from './display-name.js';

export interface JwtAuthenticatorOptions {
  issuer: string;
  audience: string;
  /** Explicit list; never `none`, never HS* (a public key must not double as an HMAC secret). */
  algorithms: string[];
  /** The provider's keys: a remote JWKS (createRemoteJWKSet) or one public key. */
  key: JWTVerifyGetKey | KeyObject;
  accounts: Pick<AccountRepository, 'findOrCreateByIdentity'>;
  metrics: AuthMetrics;
  now?: () => number;
}

/** Leeway for clocks that disagree a little, on exp and nbf. */
const CLOCK_TOLERANCE_SECONDS = 30;
const SUBJECT_MAX = 255;

/** jose errors that say the provider's keys could not be had, not that the token is bad: the handshake fails as `internal`, retryable. */
const KEY_SOURCE_ERRORS = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS']);

/**
 * AUTH_MODE=jwt: the handshake's token was issued by an external OpenID
 * Connect provider. Its signature (by an allowed algorithm, with the
 * provider's key), issuer, audience, expiry and not-before are checked; the
 * account is the issuer + `sub`, created on first login with a display name
 * from the claims.
 */
export class JwtAuthenticator implements Authenticator {
  private readonly now: () => number;

  constructor(private readonly options: JwtAuthenticatorOptions) {
    if (options.algorithms.length === 0 || options.algorithms.some((alg) => alg === 'none' || alg.startsWith('HS'))) {
      throw new Error(`refusing JWT algorithms ${options.algorithms.join(', ')}: only asymmetric ones are allowed`);
    }
    this.now = options.now ?? Date.now;
  }

  async authenticate(auth: unknown): Promise<HandshakeVerdict> {
    try {
      const verdict = await this.decide(auth);
      this.options.metrics.attempt('handshake', verdict.ok ? 'ok' : verdict.code);
      return verdict;
    } catch (error) {
      this.options.metrics.attempt('handshake', 'error');
      throw error;
    }
  }

  private async decide(auth: unknown): Promise<HandshakeVerdict> {
    const token = handshakeToken(auth);
    if (token === undefined) return NO_TOKEN;
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.options.algorithms,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(this.now()),
      };
      // The two overloads of jwtVerify (key function, key) differ only in the key's type.
      ({ payload } =
        typeof this.options.key === 'function'
          ? await jwtVerify(token, this.options.key, verifyOptions)
          : await jwtVerify(token, this.options.key, verifyOptions));
    } catch (error) {
      if (error instanceof errors.JOSEError && !KEY_SOURCE_ERRORS.has(error.code)) {
        const message = error instanceof errors.JWTExpired ? 'the token has expired; log in again' : 'the token is not valid for this server';
        return { ok: false, code: 'unauthorized', message };
      }
      throw new Error("could not check the token against the identity provider's keys", { cause: error });
    }
    const subject = payload.sub;
    if (typeof subject !== 'string' || subject.length === 0 || subject.length > SUBJECT_MAX) {
      return { ok: false, code: 'unauthorized', message: 'the token has no usable subject' };
    }
    const account = await this.options.accounts.findOrCreateByIdentity({ issuer: this.options.issuer, subject }, displayUsername(payload));
    const banned = banRefusal(account, this.now());
    if (banned) return banned;
    return { ok: true, account: { id: account.id, username: account.username, role: account.role === 'admin' ? 'admin' : 'player' } };
  }
}
