import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { ASYMMETRIC_ALGORITHMS, AUTH_MODES, DEFAULT_LOGIN_LIMITS, type AuthOptions } from './auth-settings.js';

const whole = (min: number, max: number) => z.coerce.number().int('must be a whole number').min(min).max(max);

/**
 * The authentication variables (docs/operations.md, "Authentication", lists each with its
 * default). Spread into a composition root's schema, then checked together by
 * checkAuthEnv, since which ones are needed depends on AUTH_MODE.
 */
export const AUTH_ENV_SHAPE = {
  AUTH_MODE: z.enum(AUTH_MODES).default('dev'),
  ALLOW_DEV_LOGIN: z.enum(['0', '1'], { error: 'must be 1 (allow dev login) or 0' }).optional(),
  AUTH_TOKEN_SECRET: z
    .string()
    .refine((secret) => Buffer.byteLength(secret) >= 32, 'must be at least 32 bytes (e.g. `openssl rand -base64 48`)')
    .optional(),
  AUTH_ACCESS_TOKEN_TTL_SECONDS: whole(30, 86_400).default(900),
  AUTH_REFRESH_TOKEN_TTL_DAYS: whole(1, 365).default(30),
  AUTH_JWT_ISSUER: z.string().min(1).max(512).optional(),
  AUTH_JWT_AUDIENCE: z.string().min(1).max(512).optional(),
  AUTH_JWT_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  AUTH_JWT_PUBLIC_KEY: z.string().refine(isPublicKeyPem, 'must be a PEM public key ("-----BEGIN PUBLIC KEY-----" …)').optional(),
  AUTH_JWT_ALGORITHMS: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((alg) => alg.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ASYMMETRIC_ALGORITHMS, { error: `each must be one of ${ASYMMETRIC_ALGORITHMS.join(', ')} (never none or HS*)` })).min(1))
    .optional(),
  AUTH_JWT_JWKS_COOLDOWN_SECONDS: whole(0, 3600).default(30),
  AUTH_LOGIN_FAILURES_PER_USERNAME: whole(1, 10_000).default(DEFAULT_LOGIN_LIMITS.failuresPerUsername),
  AUTH_LOGIN_USERNAME_REFILL_SECONDS: whole(1, 86_400).default(DEFAULT_LOGIN_LIMITS.usernameRefillSeconds),
  AUTH_LOGIN_FAILURES_PER_IP: whole(1, 100_000).default(DEFAULT_LOGIN_LIMITS.failuresPerIp),
  AUTH_LOGIN_IP_REFILL_SECONDS: whole(1, 86_400).default(DEFAULT_LOGIN_LIMITS.ipRefillSeconds),
  AUTH_REGISTRATIONS_PER_IP_PER_HOUR: whole(1, 100_000).default(DEFAULT_LOGIN_LIMITS.registrationsPerIpPerHour),
  /** Shared with the connection limits (gateway/src/limits): one answer to "who is the client" for every per-IP limit. */
  LIMIT_TRUSTED_PROXY_HOPS: whole(0, 10).default(0),
};

const AuthEnvObject = z.object(AUTH_ENV_SHAPE);
export type AuthEnv = z.infer<typeof AuthEnvObject>;

/**
 * Cross-variable rules, as zod issues naming the variable: dev login only with
 * ALLOW_DEV_LOGIN=1; password mode needs a shared AUTH_TOKEN_SECRET when
 * several gateways verify each other's tokens (distributed mode); jwt mode
 * needs issuer, audience and exactly one key source.
 */
export function checkAuthEnv(env: AuthEnv, context: z.RefinementCtx, options: { distributed: boolean }): void {
  const problem = (variable: keyof AuthEnv, message: string) => context.addIssue({ code: 'custom', path: [variable], message });
  if (env.AUTH_MODE === 'dev' && env.ALLOW_DEV_LOGIN !== '1') {
    problem(
      'AUTH_MODE',
      'is "dev" (the default), where anyone can log in as anyone: set ALLOW_DEV_LOGIN=1 to allow that on a development machine, ' +
        'or set AUTH_MODE=password (with AUTH_TOKEN_SECRET) or AUTH_MODE=jwt (with AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE, AUTH_JWT_JWKS_URL)',
    );
  }
  if (env.AUTH_MODE === 'password' && options.distributed && !env.AUTH_TOKEN_SECRET) {
    problem('AUTH_TOKEN_SECRET', 'AUTH_MODE=password needs a secret of at least 32 bytes, the same on every gateway (e.g. `openssl rand -base64 48`)');
  }
  if (env.AUTH_MODE === 'jwt') {
    if (!env.AUTH_JWT_ISSUER) problem('AUTH_JWT_ISSUER', 'AUTH_MODE=jwt needs the identity provider\'s issuer (the tokens\' "iss")');
    if (!env.AUTH_JWT_AUDIENCE) problem('AUTH_JWT_AUDIENCE', 'AUTH_MODE=jwt needs the audience the tokens are issued for (their "aud")');
    if (!env.AUTH_JWT_JWKS_URL && !env.AUTH_JWT_PUBLIC_KEY) problem('AUTH_JWT_JWKS_URL', 'AUTH_MODE=jwt needs AUTH_JWT_JWKS_URL (or AUTH_JWT_PUBLIC_KEY)');
    if (env.AUTH_JWT_JWKS_URL && env.AUTH_JWT_PUBLIC_KEY) problem('AUTH_JWT_PUBLIC_KEY', 'set either AUTH_JWT_JWKS_URL or AUTH_JWT_PUBLIC_KEY, not both');
  }
}

/** The checked environment as the options createAuth takes. */
export function authOptionsFromEnv(env: AuthEnv, overrides: { tokenSecret?: string } = {}): AuthOptions {
  const common = {
    trustProxyHops: env.LIMIT_TRUSTED_PROXY_HOPS,
    loginLimits: {
      failuresPerUsername: env.AUTH_LOGIN_FAILURES_PER_USERNAME,
      usernameRefillSeconds: env.AUTH_LOGIN_USERNAME_REFILL_SECONDS,
      failuresPerIp: env.AUTH_LOGIN_FAILURES_PER_IP,
      ipRefillSeconds: env.AUTH_LOGIN_IP_REFILL_SECONDS,
      registrationsPerIpPerHour: env.AUTH_REGISTRATIONS_PER_IP_PER_HOUR,
    },
  };
  switch (env.AUTH_MODE) {
    case 'dev':
      return { mode: 'dev', ...common };
    case 'password': {
      const tokenSecret = env.AUTH_TOKEN_SECRET ?? overrides.tokenSecret;
      return {
        mode: 'password',
        ...(tokenSecret ? { tokenSecret } : {}),
        accessTokenTtlSeconds: env.AUTH_ACCESS_TOKEN_TTL_SECONDS,
        refreshTokenTtlDays: env.AUTH_REFRESH_TOKEN_TTL_DAYS,
        ...common,
      };
    }
    case 'jwt':
      return {
        mode: 'jwt',
        issuer: env.AUTH_JWT_ISSUER!,
        audience: env.AUTH_JWT_AUDIENCE!,
        ...(env.AUTH_JWT_JWKS_URL ? { jwksUrl: env.AUTH_JWT_JWKS_URL } : {}),
        ...(env.AUTH_JWT_PUBLIC_KEY ? { publicKey: env.AUTH_JWT_PUBLIC_KEY } : {}),
        ...(env.AUTH_JWT_ALGORITHMS ? { algorithms: env.AUTH_JWT_ALGORITHMS } : {}),
        jwksCooldownSeconds: env.AUTH_JWT_JWKS_COOLDOWN_SECONDS,
        ...common,
      };
  }
}

function isPublicKeyPem(text: string): boolean {
  // A private key would also yield a public key; refuse it, since it must not sit in the gateway's environment.
  if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(text)) return false;
  try {
    return createPublicKey(text).type === 'public';
  } catch {
    return false;
  }
}
