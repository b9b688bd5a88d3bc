import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDatabase, PrismaAccountRepository } from '@aether/shared/db';
import { createTestDatabase, type TestDatabase } from '@aether/testing';
import { startAuthGateway } from './auth-fixture.js';

/**
 * Start-up rules of AUTH_MODE in the gateway's compiled entry points (what the
 * chart runs): dev login is refused unless allowed; the other modes refuse to
 * start without what they need. The one-process game's (`make dev`):
 * standalone/test/auth-startup.test.ts.
 */

jest.setTimeout(90_000);

const root = fileURLToPath(new URL('../../', import.meta.url));
// Only what the processes need: none of the caller's AUTH_* or NPC_* leaks in.
const BASE_ENV = { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', LOG_PRETTY: '0' };
const DISTRIBUTED = { ...BASE_ENV, REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' };

function runToExit(script: string, env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [script], { cwd: root, env, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stderr: result.stderr };
}

describe('AUTH_MODE at start-up', () => {
  it('a gateway refuses dev login (the default) without ALLOW_DEV_LOGIN=1: exit 2, naming the variables', () => {
    for (const extra of [{}, { AUTH_MODE: 'dev' }, { AUTH_MODE: 'dev', ALLOW_DEV_LOGIN: '0' }]) {
      const { status, stderr } = runToExit('gateway/dist/gateway-main.js', { ...DISTRIBUTED, ...extra });
      expect(status).toBe(2);
      expect(stderr).toMatch(/AUTH_MODE: is "dev" \(the default\), where anyone can log in as anyone: set ALLOW_DEV_LOGIN=1/);
      expect(stderr).toContain('AUTH_MODE=password');
    }
  });

  it('a gateway refuses password mode without AUTH_TOKEN_SECRET, and jwt mode without issuer, audience and keys', () => {
    const password = runToExit('gateway/dist/gateway-main.js', { ...DISTRIBUTED, AUTH_MODE: 'password' });
    expect(password.status).toBe(2);
    expect(password.stderr).toMatch(/AUTH_TOKEN_SECRET: AUTH_MODE=password needs a secret of at least 32 bytes/);
    const short = runToExit('gateway/dist/gateway-main.js', { ...DISTRIBUTED, AUTH_MODE: 'password', AUTH_TOKEN_SECRET: 'hunter2-is-short' });
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('AUTH_TOKEN_SECRET');
    expect(short.stderr).not.toContain('hunter2');
    const jwt = runToExit('gateway/dist/gateway-main.js', { ...DISTRIBUTED, AUTH_MODE: 'jwt' });
    expect(jwt.status).toBe(2);
    for (const variable of ['AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE', 'AUTH_JWT_JWKS_URL']) expect(jwt.stderr).toContain(variable);
  });
});

describe('dev login (ALLOW_DEV_LOGIN=1)', () => {
  it('accepts dev:<name> and refuses a banned account with code banned', async () => {
    const gateway = await startAuthGateway({ mode: 'dev' });
    try {
      const first = await gateway.connect('dev:Zed');
      expect(first.ok).toBe(true);
      expect((await fetch(`${gateway.url}/api/info`).then((r) => r.json())).auth).toEqual({ mode: 'dev' });
      const until = new Date(Date.now() + 60_000);
      await gateway.db.client.account.update({ where: { username: 'zed' }, data: { bannedUntil: until } });
      expect(await gateway.connect('dev:zed')).toEqual({ ok: false, code: 'banned', message: `This account is banned until ${until.toISOString()}.` });
      expect(await gateway.connect('not-a-dev-token')).toMatchObject({ ok: false, code: 'unauthorized' });
      const login = await gateway.post('/api/auth/login', { username: 'zed', password: 'whatever it is' });
      expect(login.status).toBe(404);
      expect(login.body.error.message).toMatch(/AUTH_MODE=dev/);
    } finally {
      await gateway.close();
    }
  });
});

describe('the account command (gateway/dist/auth/account-cli.js, as in a gateway pod)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['gateway/dist/auth/account-cli.js', ...args], {
      cwd: root,
      env: { ...BASE_ENV, DATABASE_URL: database.url },
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('grants and revokes the admin role, shows an account, and says so when there is none', async () => {
    const db = createDatabase(database.url, { poolSize: 1 });
    try {
      // An account as a first login makes it.
      await new PrismaAccountRepository(db.client).findOrCreateByUsername('olga');
      const granted = cli('role', 'Olga', 'admin');
      expect({ status: granted.status, stderr: granted.stderr }).toEqual({ status: 0, stderr: '' });
      expect(granted.stdout).toMatch(/^olga: role admin, banned no, muted no$/m);
      expect((await db.client.account.findUnique({ where: { username: 'olga' } }))!.role).toBe('admin');
      expect(cli('show', 'olga').stdout).toContain('role admin');
      expect(cli('role', 'olga', 'player').status).toBe(0);
      expect((await db.client.account.findUnique({ where: { username: 'olga' } }))!.role).toBe('player');
      const missing = cli('role', 'nobody', 'admin');
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('no account is called "nobody"');
      const wrong = cli('role', 'olga', 'emperor');
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toContain('Usage: npm run account');
    } finally {
      await db.close();
    }
  });
});
