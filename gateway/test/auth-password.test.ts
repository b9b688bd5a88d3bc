import { jest } from '@jest/globals';
import { AccessTokens } from '../src/auth/password/access-tokens.js';
import { hashRefreshToken } from '../src/auth/password/refresh-tokens.js';
import { startAuthGateway, type AuthGateway } from './auth-fixture.js';

/**
 * AUTH_MODE=password end to end against real PostgreSQL: the REST API
 * (register, login, refresh, logout), the socket handshake with its access
 * token, bans, throttling, and what reaches the logs.
 */

jest.setTimeout(60_000);

const SECRET = 'integration-test-secret-0123456789-abcdefghij';
const PASSWORD = 'correct horse battery';

describe('password login', () => {
  let gateway: AuthGateway;
  const loggedOut: string[] = [];

  beforeAll(async () => {
    gateway = await startAuthGateway(
      { mode: 'password', tokenSecret: SECRET, loginLimits: { failuresPerUsername: 4, failuresPerIp: 1000, registrationsPerIpPerHour: 1000 } },
      { onLogout: (accountId) => void loggedOut.push(accountId) },
    );
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
  });

  const register = (username: string, password = PASSWORD) => gateway.post('/api/auth/register', { username, password });
  const login = (username: string, password = PASSWORD) => gateway.post('/api/auth/login', { username, password });
  const refresh = (refreshToken: string) => gateway.post('/api/auth/refresh', { refreshToken });

  it('registers, answers tokens, and the access token opens a socket as that account', async () => {
    const registered = await register('Alice');
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresIn: 900,
      tokenType: 'Bearer',
      account: { username: 'alice', role: 'player' },
    });
    const row = await gateway.db.client.account.findUnique({ where: { username: 'alice' } });
    expect(row!.passwordHash).toMatch(/^scrypt\$ln=15,r=8,p=3\$/);
    // Only the refresh token's hash is stored.
    const stored = await gateway.db.client.refreshToken.findMany({ where: { accountId: row!.id } });
    expect(stored.map((token) => token.tokenHash)).toEqual([hashRefreshToken(registered.body.refreshToken)]);

    const connected = await gateway.connect(registered.body.accessToken);
    expect(connected.ok).toBe(true);
    if (!connected.ok) return;
    const created = await connected.client.request('character_create', { name: 'Alyss' });
    expect(created.ok).toBe(true);
    const list = await connected.client.request('character_list', {});
    expect(list.characters.map((c: { name: string }) => c.name)).toEqual(['Alyss']);
    const info = await (await fetch(`${gateway.url}/api/info`)).json();
    expect(info.auth).toEqual({ mode: 'password' });
  });

  it('logs in with the password, case-folding the username; a second login starts another session', async () => {
    await register('bob');
    const first = await login('BOB');
    expect(first.status).toBe(200);
    expect(first.body.account).toEqual({ username: 'bob', role: 'player' });
    const second = await login('bob');
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    expect((await gateway.connect(second.body.accessToken)).ok).toBe(true);
  });

  it('answers a wrong password and an unknown user with the same 401 body, after the same password work', async () => {
    await register('carol');
    const count = () =>
      gateway.metric('aether_gateway_auth_password_hash_seconds', {}).then(async () => {
        const metric = await gateway.registry.getSingleMetric('aether_gateway_auth_password_hash_seconds')!.get();
        return metric.values.find((value) => value.metricName === 'aether_gateway_auth_password_hash_seconds_count')?.value ?? 0;
      });
    const before = await count();
    const wrongPassword = await login('carol', 'not the password');
    const afterWrong = await count();
    const unknownUser = await login('nobody-here', 'not the password');
    const afterUnknown = await count();
    const malformedUser = await login('x!', 'not the password');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(malformedUser.status).toBe(401);
    expect(unknownUser.body).toEqual(wrongPassword.body);
    expect(malformedUser.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong username or password.' } });
    // One scrypt verification each: an unknown name is checked against a dummy hash.
    expect(afterWrong - before).toBe(1);
    expect(afterUnknown - afterWrong).toBe(1);
  });

  it('refresh rotates the token; presenting a used one revokes the whole family', async () => {
    const session = (await register('dave')).body;
    const rotated = await refresh(session.refreshToken);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(session.refreshToken);
    expect((await gateway.connect(rotated.body.accessToken)).ok).toBe(true);
    const again = await refresh(rotated.body.refreshToken);
    expect(again.status).toBe(200);

    // The first token was used already: a thief (or a replay). Everything from that login ends.
    const replay = await refresh(session.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('unauthorized');
    expect((await refresh(again.body.refreshToken)).status).toBe(401);
    expect(await gateway.metric('aether_gateway_auth_attempts_total', { mode: 'password', kind: 'refresh', result: 'reused' })).toBe(1);
    // Another login's family is untouched.
    const other = (await login('dave')).body;
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('two concurrent refreshes with one token: one wins, then the family is revoked', async () => {
    const session = (await register('erin')).body;
    const answers = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    const winner = answers.find((answer) => answer.status === 200)!;
    expect((await refresh(winner.body.refreshToken)).status).toBe(401);
  });

  it('logout revokes the session, calls the logout hook, and is fine to repeat', async () => {
    const session = (await register('frank')).body;
    const account = await gateway.db.client.account.findUnique({ where: { username: 'frank' } });
    const out = await gateway.post('/api/auth/logout', { refreshToken: session.refreshToken });
    expect(out).toMatchObject({ status: 200, body: { ok: true } });
    expect(loggedOut).toContain(account!.id);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    expect(await gateway.post('/api/auth/logout', { refreshToken: session.refreshToken })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await gateway.post('/api/auth/logout', { refreshToken: 'never-issued' })).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('refuses bad requests with clear 4xx answers', async () => {
    await register('taken');
    const cases: Array<[string, Promise<{ status: number; body: any; headers: Headers }>, number, RegExp]> = [
      ['taken name', register('Taken'), 409, /taken/],
      ['short password', register('newbie', 'short'), 400, /password: a password is at least 10 characters/],
      ['bad username', register('no spaces please'), 400, /username: a username is 3 to 32/],
      ['extra field', gateway.post('/api/auth/register', { username: 'sneaky', password: PASSWORD, role: 'admin' }), 400, /role/],
      ['not JSON', gateway.post('/api/auth/login', undefined, { raw: '{"username": ' }), 400, /not valid JSON/],
      ['not an object', gateway.post('/api/auth/login', ['alice', PASSWORD]), 400, /expected object/],
      [
        'form post',
        gateway.post('/api/auth/login', undefined, { raw: 'username=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        415,
        /application\/json/,
      ],
      ['GET', gateway.post('/api/auth/login', undefined, { method: 'GET' }), 405, /takes POST/],
      ['too large', gateway.post('/api/auth/login', { username: 'alice', password: 'x'.repeat(5000) }), 413, /larger than 4096 bytes/],
      ['unknown action', gateway.post('/api/auth/whoami', {}), 404, /register, login, refresh and logout/],
    ];
    for (const [name, answer, status, message] of cases) {
      const { status: got, body } = await answer;
      expect({ name, status: got, message: body.error?.message }).toEqual({ name, status, message: expect.stringMatching(message) });
      expect(body.error.code).toMatch(/^[a-z_]+$/);
    }
    expect((await gateway.post('/api/auth/login', undefined, { method: 'GET' })).headers.get('allow')).toBe('POST');
    // The gateway still answers after a refused large body.
    expect((await login('taken')).status).toBe(200);
  });

  it('refuses handshakes without a valid access token, each with code unauthorized', async () => {
    const alice = (await login('alice')).body;
    const expired = await new AccessTokens(SECRET, 60, () => Date.now() - 3_600_000).issue(
      (await gateway.db.client.account.findUnique({ where: { username: 'alice' } }))!.id,
    );
    const forged = await new AccessTokens(`${SECRET}-not-ours`, 900).issue('00000000-0000-4000-8000-000000000000');
    for (const [name, token, message] of [
      ['no token', undefined, /needs auth/],
      ['dev token', 'dev:alice', /not valid/],
      ['refresh token', alice.refreshToken, /not valid/],
      ['expired', expired, /expired/],
      ['other secret', forged, /not valid/],
      ['tampered', `${alice.accessToken.slice(0, -2)}xx`, /not valid/],
    ] as const) {
      const result = await gateway.connect(token);
      expect({ name, ok: result.ok, code: !result.ok && result.code }).toEqual({ name, ok: false, code: 'unauthorized' });
      expect(!result.ok && result.message).toMatch(message);
    }
  });

  it('a banned account is refused at login and at the handshake, with until when', async () => {
    const session = (await register('mallory')).body;
    const until = new Date(Date.now() + 86_400_000);
    await gateway.db.client.account.update({ where: { username: 'mallory' }, data: { bannedUntil: until, banReason: 'cheating' } });
    const handshake = await gateway.connect(session.accessToken);
    expect(handshake).toEqual({ ok: false, code: 'banned', message: `This account is banned until ${until.toISOString()} (cheating).` });
    const refused = await login('mallory');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ code: 'banned', message: `This account is banned until ${until.toISOString()} (cheating).` });
    // A wrong password says nothing about the ban.
    expect((await login('mallory', 'wrong password!')).body.error.code).toBe('invalid_credentials');
    expect((await refresh(session.refreshToken)).body.error.code).toBe('banned');
    // The role is read at each handshake too.
    await gateway.db.client.account.update({ where: { username: 'mallory' }, data: { bannedUntil: null, role: 'admin' } });
    expect((await login('mallory')).body.account).toEqual({ username: 'mallory', role: 'admin' });
  });

  it('throttles failed logins per username with 429, Retry-After and a metric; the right password then waits too', async () => {
    await register('grace');
    for (let i = 0; i < 4; i++) expect((await login('grace', `guess number ${i}`)).status).toBe(401);
    const limited = await login('grace', 'guess number 5');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('grace')).status).toBe(429);
    expect(await gateway.metric('aether_gateway_auth_throttled_total', { reason: 'login_username' })).toBe(2);
    // Other accounts are unaffected.
    expect((await login('bob')).status).toBe(200);
  });

  it('never writes a password or a token into the logs', async () => {
    const secretPassword = 'zebra-quartz-unique-pw';
    const session = (await register('henry', secretPassword)).body;
    const rotated = (await refresh(session.refreshToken)).body;
    await login('henry', `${secretPassword}-wrong`);
    const connected = await gateway.connect(rotated.accessToken);
    expect(connected.ok).toBe(true);
    await gateway.connect(`${rotated.accessToken}x`);
    await gateway.post('/api/auth/logout', { refreshToken: rotated.refreshToken });
    await refresh(rotated.refreshToken);
    const logs = gateway.logs();
    expect(logs).toContain('account registered');
    for (const secret of [secretPassword, session.accessToken, session.refreshToken, rotated.accessToken, rotated.refreshToken, SECRET]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('password login limits per address', () => {
  let gateway: AuthGateway;

  beforeAll(async () => {
    gateway = await startAuthGateway({
      mode: 'password',
      tokenSecret: SECRET,
      // Fast hashing: this block counts requests, not password work.
      scrypt: { logN: 10, r: 8, p: 1 },
      trustProxyHops: 1,
      loginLimits: { failuresPerIp: 3, failuresPerUsername: 100, registrationsPerIpPerHour: 2 },
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
  });

  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

  it('caps failed logins per address across usernames; another address is unaffected', async () => {
    for (let i = 0; i < 3; i++)
      expect((await gateway.post('/api/auth/login', { username: `user${i}`, password: 'whatever it is' }, from('203.0.113.7'))).status).toBe(401);
    const limited = await gateway.post('/api/auth/login', { username: 'user9', password: 'whatever it is' }, from('203.0.113.7'));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect((await gateway.post('/api/auth/login', { username: 'user9', password: 'whatever it is' }, from('203.0.113.8'))).status).toBe(401);
    expect(await gateway.metric('aether_gateway_auth_throttled_total', { reason: 'login_ip' })).toBe(1);
  });

  it('only believes as many X-Forwarded-For entries as there are trusted proxies', async () => {
    // The client wrote the first entry itself; the trusted proxy appended the real one (198.51.100.1) last.
    for (let i = 0; i < 3; i++) await gateway.post('/api/auth/login', { username: 'x', password: 'whatever it is' }, from(`10.9.9.${i}, 198.51.100.1`));
    expect((await gateway.post('/api/auth/login', { username: 'x', password: 'whatever it is' }, from('10.9.9.99, 198.51.100.1'))).status).toBe(429);
  });

  it('caps registrations per address per hour', async () => {
    expect((await gateway.post('/api/auth/register', { username: 'reg1', password: PASSWORD }, from('192.0.2.1'))).status).toBe(201);
    expect((await gateway.post('/api/auth/register', { username: 'reg2', password: PASSWORD }, from('192.0.2.1'))).status).toBe(201);
    const limited = await gateway.post('/api/auth/register', { username: 'reg3', password: PASSWORD }, from('192.0.2.1'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(1800);
    expect(await gateway.metric('aether_gateway_auth_throttled_total', { reason: 'register_ip' })).toBe(1);
  });
});
