import { errors, jwtVerify, SignJWT } from 'jose';

/** Who issued and who accepts our own access tokens: only Aether gateways sharing AUTH_TOKEN_SECRET. */
const ISSUER = 'aether';
const AUDIENCE = 'aether-gateway';
const TYPE = 'at+jwt';

export type AccessTokenCheck = { ok: true; accountId: string } | { ok: false; expired: boolean };

/**
 * Password mode's access tokens: HS256 JWTs carrying the account id (`sub`),
 * valid for ttlSeconds. They are only ever checked by gateways holding the
 * same secret, so a symmetric key is enough; role and bans are read from the
 * database at each handshake, never trusted from the token.
 */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
    if (this.key.length < 32) throw new Error('the access-token secret must be at least 32 bytes');
  }

  async issue(accountId: string): Promise<string> {
    const issuedAt = Math.floor(this.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: TYPE })
      .setSubject(accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessTokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: TYPE,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: new Date(this.now()),
      });
      return typeof payload.sub === 'string' && payload.sub.length > 0 ? { ok: true, accountId: payload.sub } : { ok: false, expired: false };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, expired: true };
      if (error instanceof errors.JOSEError) return { ok: false, expired: false };
      throw error;
    }
  }
}
