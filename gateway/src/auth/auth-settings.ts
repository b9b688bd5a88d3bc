/**
 * How players log in (AUTH_MODE; docs/operations.md, "Authentication"):
 * - dev: the client names its account (`dev:<name>`); anyone can be anyone,
 *   so only with an explicit opt-in (ALLOW_DEV_LOGIN=1, checked by the
 *   composition roots) on a development machine.
 * - password: the gateway's own accounts, REST login, short-lived access JWTs.
 * - jwt: an external OpenID Connect provider's tokens, verified by its keys.
 */
export type AuthMode = 'dev' | 'password' | 'jwt';
export const AUTH_MODES = ['dev', 'password', 'jwt'] as const;

/** Failed-login and registration budgets per client (token buckets; docs/operations.md, "Authentication"). */
export interface LoginLimits {
  /** Failed logins one username may take in a burst… */
  failuresPerUsername: number;
  /** …and one more every this many seconds. */
  usernameRefillSeconds: number;
  /** Failed logins (and refreshes) one IP address may take in a burst… */
  failuresPerIp: number;
  /** …and one more every this many seconds. */
  ipRefillSeconds: number;
  /** Registrations one IP address may make per hour. */
  registrationsPerIpPerHour: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  failuresPerUsername: 5,
  usernameRefillSeconds: 60,
  failuresPerIp: 20,
  ipRefillSeconds: 30,
  registrationsPerIpPerHour: 5,
};

/** scrypt cost: N = 2^logN, block size r, parallelism p (docs/operations.md, "Authentication"). */
export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

/** OWASP's scrypt setting for 32 MiB per hash: N = 2^15, r = 8, p = 3 (about 100 ms on one core). */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 3 };

interface PasswordAuthOptions {
  mode: 'password';
  /** Signs access tokens (HS256); at least 32 bytes, the same on every gateway. Unset: random per process (embedded tests). */
  tokenSecret?: string;
  /** Default 900 (15 minutes). */
  accessTokenTtlSeconds?: number;
  /** Default 30: a refresh token unused this long expires; every use starts a new one. */
  refreshTokenTtlDays?: number;
  /** Default DEFAULT_SCRYPT; tests lower it to run fast. */
  scrypt?: ScryptParams;
}

interface JwtAuthOptions {
  mode: 'jwt';
  /** The provider's `iss`, exactly. */
  issuer: string;
  /** This game's client id / API identifier: the token's `aud` must contain it. */
  audience: string;
  /** The provider's JWKS (fetched, cached, re-fetched on an unknown key id). Either this or publicKey. */
  jwksUrl?: string;
  /** A PEM public key (SPKI) instead of a JWKS. */
  publicKey?: string;
  /** Allowed signature algorithms; default every asymmetric one (never `none`, never HS*). */
  algorithms?: string[];
  /** Seconds between JWKS re-fetches for unknown key ids (default 30). */
  jwksCooldownSeconds?: number;
}

export type AuthOptions = ({ mode: 'dev' } | PasswordAuthOptions | JwtAuthOptions) & {
  /** How many proxies in front of the gateway append to X-Forwarded-For (LIMIT_TRUSTED_PROXY_HOPS; default 0: the socket's address is the client). */
  trustProxyHops?: number;
  loginLimits?: Partial<LoginLimits>;
};

/** Asymmetric JWS algorithms a provider may sign with. `none` and HS* are never accepted from a provider. */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
