import { SignJWT, UnsecuredJWT } from 'jose';
import { AccessTokens } from './access-tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('AccessTokens', () => {
  let now = Date.parse('2026-12-03T10:00:00Z');
  const clock = () => now;

  it('issues a token that verifies to the account until it expires', async () => {
    const tokens = new AccessTokens(SECRET, 900, clock);
    const token = await tokens.issue('7d0f4c1e-0000-4000-8000-000000000001');
    expect(await tokens.verify(token)).toEqual({ ok: true, accountId: '7d0f4c1e-0000-4000-8000-000000000001' });
    now += 899_000;
    expect((await tokens.verify(token)).ok).toBe(true);
    now += 2_000;
    expect(await tokens.verify(token)).toEqual({ ok: false, expired: true });
  });

  it('refuses a token signed with another secret, an unsigned one, a foreign one, and garbage', async () => {
    now = Date.parse('2026-12-03T10:00:00Z');
    const tokens = new AccessTokens(SECRET, 900, clock);
    const other = await new AccessTokens(`${SECRET}-other`, 900, clock).issue('someone');
    const unsigned = new UnsecuredJWT({}).setSubject('someone').setIssuer('aether').setAudience('aether-gateway').setExpirationTime('1h').encode();
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('someone')
      .setIssuer('https://elsewhere.example')
      .setAudience('aether-gateway')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    for (const token of [other, unsigned, foreign, 'dev:alice', 'a.b.c']) expect(await tokens.verify(token)).toEqual({ ok: false, expired: false });
  });

  it('needs a secret of 32 bytes or more', () => {
    expect(() => new AccessTokens('short', 900)).toThrow(/32 bytes/);
  });
});
