import { jest } from '@jest/globals';
import { createPublicKey } from 'node:crypto';
import { base64url, exportSPKI, SignJWT, UnsecuredJWT } from 'jose';
import { startAuthGateway, type AuthGateway } from './auth-fixture.js';
import { JwksServer, makeSigningKey, type SigningKey } from './jwks-server.js';

/**
 * AUTH_MODE=jwt against a JWKS server this test runs: tokens a provider
 * signs open a socket; forged, expired, wrong-issuer, wrong-audience and
 * unsigned ones are refused with `unauthorized`; a rotated key is fetched.
 */

jest.setTimeout(60_000);

const ISSUER = 'https://id.test.example';
const AUDIENCE = 'aether-game';

describe('OIDC / JWT login with a JWKS', () => {
  let idp: JwksServer;
  let gateway: AuthGateway;
  let current: SigningKey;

  beforeAll(async () => {
    idp = new JwksServer(ISSUER);
    current = await makeSigningKey('key-1');
    idp.keys = [current];
    await idp.start();
    gateway = await startAuthGateway({ mode: 'jwt', issuer: ISSUER, audience: AUDIENCE, jwksUrl: idp.url, jwksCooldownSeconds: 0 });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await idp?.stop();
  });

  const expectRefused = async (token: string | undefined, code = 'unauthorized') => {
    const result = await gateway.connect(token);
    expect(result.ok ? 'connected' : result.code).toBe(code);
    return result;
  };

  it('accepts the provider’s token; the account is issuer + sub, named from the claims', async () => {
    const token = await idp.sign(current, { sub: 'user-42', preferred_username: 'Ada Lovelace' });
    const result = await gateway.connect(token);
    expect(result.ok).toBe(true);
    const account = await gateway.db.client.account.findFirst({ where: { issuer: ISSUER, subject: 'user-42' } });
    expect(account).toMatchObject({ username: 'ada-lovelace', role: 'player', passwordHash: null });
    if (result.ok) {
      expect((await result.client.request('character_create', { name: 'Ada' })).ok).toBe(true);
    }
    // Same subject, new display name: the same account (and name) as before.
    const renamed = await gateway.connect(await idp.sign(current, { sub: 'user-42', preferred_username: 'Countess' }));
    expect(renamed.ok).toBe(true);
    if (renamed.ok) expect((await renamed.client.request('character_list', {})).characters.map((c: { name: string }) => c.name)).toEqual(['Ada']);
    expect(await gateway.db.client.account.count({ where: { issuer: ISSUER, subject: 'user-42' } })).toBe(1);
    expect((await fetch(`${gateway.url}/api/info`).then((r) => r.json())).auth).toEqual({ mode: 'jwt' });
  });

  it('another subject with the same name gets a suffixed username, never the first one’s account', async () => {
    const result = await gateway.connect(await idp.sign(current, { sub: 'user-43', preferred_username: 'Ada Lovelace' }));
    expect(result.ok).toBe(true);
    const account = await gateway.db.client.account.findFirst({ where: { issuer: ISSUER, subject: 'user-43' } });
    expect(account!.username).toBe('ada-lovelace-2');
    if (result.ok) expect((await result.client.request('character_list', {})).characters).toEqual([]);
  });

  it('concurrent first logins of one identity make one account', async () => {
    const token = await idp.sign(current, { sub: 'user-racer', preferred_username: 'Racer' });
    const results = await Promise.all(Array.from({ length: 5 }, () => gateway.connect(token)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await gateway.db.client.account.count({ where: { issuer: ISSUER, subject: 'user-racer' } })).toBe(1);
  });

  it('refuses a forged signature, an expired token, the wrong issuer or audience, alg none and HS256 with the public key', async () => {
    const impostor = await makeSigningKey('key-1'); // same kid, different key
    await expectRefused(await idp.sign(impostor, { sub: 'user-42' }));
    const expired = await expectRefused(await idp.sign(current, { sub: 'user-42' }, { expiresIn: Math.floor(Date.now() / 1000) - 120 }));
    expect(!expired.ok && expired.message).toMatch(/expired/);
    await expectRefused(await idp.sign(current, { sub: 'user-42' }, { issuer: 'https://evil.example' }));
    await expectRefused(await idp.sign(current, { sub: 'user-42' }, { audience: 'another-app' }));
    const unsigned = new UnsecuredJWT({ sub: 'user-42' }).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('10m').encode();
    await expectRefused(unsigned);
    // The classic confusion: the public key's bytes used as an HMAC secret.
    const publicPem = await exportSPKI(createPublicKey({ key: current.publicJwk as never, format: 'jwk' }) as never);
    const hmac = await new SignJWT({ sub: 'user-42' })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(publicPem));
    await expectRefused(hmac);
    // A token whose payload was edited after signing.
    const [header, , signature] = (await idp.sign(current, { sub: 'user-42' })).split('.');
    const edited = base64url.encode(JSON.stringify({ sub: 'user-1', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 }));
    await expectRefused(`${header}.${edited}.${signature}`);
    await expectRefused('dev:alice');
    await expectRefused(undefined);
    expect(await gateway.metric('aether_gateway_auth_attempts_total', { mode: 'jwt', kind: 'handshake', result: 'unauthorized' })).toBeGreaterThanOrEqual(9);
  });

  it('follows a key rotation: a token with a new key id makes the gateway fetch the JWKS again', async () => {
    const next = await makeSigningKey('key-2', 'ES256');
    const token = await idp.sign(next, { sub: 'user-rotated', preferred_username: 'Rota' });
    await expectRefused(token); // not published yet
    idp.keys = [current, next];
    const before = idp.fetches;
    expect((await gateway.connect(token)).ok).toBe(true);
    expect(idp.fetches).toBeGreaterThan(before);
    // The old key retired: its tokens stop working once the provider drops it and a fetch happens.
    idp.keys = [next];
    const third = await makeSigningKey('key-3');
    idp.keys = [next, third];
    expect((await gateway.connect(await idp.sign(third, { sub: 'user-rotated' }))).ok).toBe(true);
    await expectRefused(await idp.sign(current, { sub: 'user-rotated' }, { kid: 'key-1' }));
  });

  it('refuses a banned account with code banned', async () => {
    idp.keys = [current];
    const token = await idp.sign(current, { sub: 'user-banned', preferred_username: 'Banned' });
    expect((await gateway.connect(token)).ok).toBe(true);
    const until = new Date(Date.now() + 3_600_000);
    await gateway.db.client.account.updateMany({ where: { issuer: ISSUER, subject: 'user-banned' }, data: { bannedUntil: until } });
    const refused = await expectRefused(token, 'banned');
    expect(!refused.ok && refused.message).toContain(until.toISOString());
  });

  it('a JWKS it cannot reach fails the handshake as internal (try again), not as a verdict on the token', async () => {
    const unreachable = await startAuthGateway({ mode: 'jwt', issuer: ISSUER, audience: AUDIENCE, jwksUrl: 'http://127.0.0.1:9/jwks.json' });
    try {
      const result = await unreachable.connect(await idp.sign(current, { sub: 'user-42' }));
      expect(result.ok ? 'connected' : result.code).toBe('internal');
    } finally {
      await unreachable.close();
    }
  });
});

describe('JWT login with a static public key (AUTH_JWT_PUBLIC_KEY)', () => {
  let idp: JwksServer;
  let gateway: AuthGateway;
  let key: SigningKey;

  beforeAll(async () => {
    idp = new JwksServer(ISSUER);
    key = await makeSigningKey('pem-key', 'ES256');
    const publicKey = await exportSPKI(createPublicKey({ key: key.publicJwk as never, format: 'jwk' }) as never);
    gateway = await startAuthGateway({ mode: 'jwt', issuer: ISSUER, audience: AUDIENCE, publicKey, algorithms: ['ES256'] });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
  });

  it('accepts tokens that key signed and nothing else', async () => {
    expect((await gateway.connect(await idp.sign(key, { sub: 'pem-user' }))).ok).toBe(true);
    const other = await makeSigningKey('pem-key', 'ES256');
    const result = await gateway.connect(await idp.sign(other, { sub: 'pem-user' }));
    expect(result.ok ? 'connected' : result.code).toBe('unauthorized');
    const rsa = await makeSigningKey('pem-key', 'RS256');
    const wrongAlg = await gateway.connect(await idp.sign(rsa, { sub: 'pem-user' }));
    expect(wrongAlg.ok ? 'connected' : wrongAlg.code).toBe('unauthorized');
  });
});
