import { generateKeyPairSync } from 'node:crypto';
import { CommonEnv, ConfigError, parseEnv } from '@aether/shared/config';
import { AUTH_ENV_SHAPE, authOptionsFromEnv, checkAuthEnv } from './auth-env.js';

const schema = (distributed: boolean) => CommonEnv.extend(AUTH_ENV_SHAPE).superRefine((env, context) => checkAuthEnv(env, context, { distributed }));
const SECRET = 's'.repeat(40);
const PEM = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

function problems(env: Record<string, string>, distributed = true): string[] {
  try {
    parseEnv(schema(distributed), env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('authentication settings from the environment', () => {
  it('refuses dev login (also as the default) unless ALLOW_DEV_LOGIN=1, naming the variables', () => {
    for (const env of [{}, { AUTH_MODE: 'dev' }, { AUTH_MODE: 'dev', ALLOW_DEV_LOGIN: '0' }]) {
      const found = problems(env);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^AUTH_MODE: .*ALLOW_DEV_LOGIN=1.*AUTH_MODE=password.*AUTH_TOKEN_SECRET.*AUTH_MODE=jwt/);
    }
    expect(authOptionsFromEnv(parseEnv(schema(true), { ALLOW_DEV_LOGIN: '1' }))).toMatchObject({ mode: 'dev', trustProxyHops: 0 });
  });

  it('password mode: a shared AUTH_TOKEN_SECRET of 32 bytes is required for gateways, optional in one process', () => {
    expect(problems({ AUTH_MODE: 'password' })).toEqual([expect.stringMatching(/^AUTH_TOKEN_SECRET: AUTH_MODE=password needs a secret of at least 32 bytes/)]);
    expect(problems({ AUTH_MODE: 'password' }, false)).toEqual([]);
    const short = problems({ AUTH_MODE: 'password', AUTH_TOKEN_SECRET: 'too-short-secret' });
    expect(short).toEqual([expect.stringMatching(/^AUTH_TOKEN_SECRET: must be at least 32 bytes/)]);
    expect(short[0]).not.toContain('too-short-secret');
    const env = parseEnv(schema(true), {
      AUTH_MODE: 'password',
      AUTH_TOKEN_SECRET: SECRET,
      AUTH_ACCESS_TOKEN_TTL_SECONDS: '600',
      AUTH_LOGIN_FAILURES_PER_IP: '7',
    });
    expect(authOptionsFromEnv(env)).toEqual({
      mode: 'password',
      tokenSecret: SECRET,
      accessTokenTtlSeconds: 600,
      refreshTokenTtlDays: 30,
      trustProxyHops: 0,
      loginLimits: { failuresPerUsername: 5, usernameRefillSeconds: 60, failuresPerIp: 7, ipRefillSeconds: 30, registrationsPerIpPerHour: 5 },
    });
  });

  it('jwt mode needs issuer, audience and one key source, and only asymmetric algorithms', () => {
    expect(problems({ AUTH_MODE: 'jwt' }).map((p) => p.split(':')[0])).toEqual(['AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE', 'AUTH_JWT_JWKS_URL']);
    const base = { AUTH_MODE: 'jwt', AUTH_JWT_ISSUER: 'https://id.example', AUTH_JWT_AUDIENCE: 'aether' };
    expect(problems({ ...base, AUTH_JWT_JWKS_URL: 'https://id.example/jwks', AUTH_JWT_PUBLIC_KEY: PEM })).toEqual([
      expect.stringMatching(/^AUTH_JWT_PUBLIC_KEY: set either/),
    ]);
    expect(problems({ ...base, AUTH_JWT_JWKS_URL: 'ftp://id.example/jwks' })).toEqual([expect.stringMatching(/^AUTH_JWT_JWKS_URL: /)]);
    expect(problems({ ...base, AUTH_JWT_PUBLIC_KEY: 'not a key' })).toEqual([expect.stringMatching(/^AUTH_JWT_PUBLIC_KEY: must be a PEM public key/)]);
    const privatePem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(problems({ ...base, AUTH_JWT_PUBLIC_KEY: privatePem })).toHaveLength(1);
    for (const algorithms of ['HS256', 'none', 'RS256,HS512']) {
      expect(problems({ ...base, AUTH_JWT_JWKS_URL: 'https://id.example/jwks', AUTH_JWT_ALGORITHMS: algorithms })[0]).toMatch(/^AUTH_JWT_ALGORITHMS/);
    }
    const env = parseEnv(schema(true), {
      ...base,
      AUTH_JWT_JWKS_URL: 'https://id.example/jwks',
      AUTH_JWT_ALGORITHMS: 'RS256, ES256',
      LIMIT_TRUSTED_PROXY_HOPS: '1',
    });
    expect(authOptionsFromEnv(env)).toMatchObject({
      mode: 'jwt',
      issuer: 'https://id.example',
      audience: 'aether',
      jwksUrl: 'https://id.example/jwks',
      algorithms: ['RS256', 'ES256'],
      jwksCooldownSeconds: 30,
      trustProxyHops: 1,
    });
    expect(authOptionsFromEnv(parseEnv(schema(true), { ...base, AUTH_JWT_PUBLIC_KEY: PEM }))).toMatchObject({ mode: 'jwt', publicKey: PEM });
  });
});
