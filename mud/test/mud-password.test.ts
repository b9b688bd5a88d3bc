import { jest } from '@jest/globals';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@aether/testing';
import { startEmbedded, type EmbeddedServer } from '@aether/standalone';
import { buildMudClient, MudProcess } from '../../test/fixtures/mud-process.js';

/**
 * The terminal client in password mode, as players run it: the compiled
 * `npm run mud` against a real embedded server with AUTH_MODE=password.
 * Register, play, a second run without the password (stored session), log
 * out, and a run that then needs the password again.
 */

jest.setTimeout(90_000);

describe('MUD client, password login', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: EmbeddedServer;
  let dir: string;
  let sessionFile: string;
  const processes: MudProcess[] = [];
  const mud = (args: string[], env: Record<string, string> = {}) => {
    // AETHER_PASSWORD only when a test gives it: the caller's shell must not leak one in.
    const made = new MudProcess(['--url', server.url, ...args], { AETHER_SESSION_FILE: sessionFile, AETHER_PASSWORD: '', ...env });
    processes.push(made);
    return made;
  };

  beforeAll(async () => {
    buildMudClient();
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    server = await startEmbedded({
      port: 0,
      databaseUrl: database.url,
      logLevel: 'silent',
      auth: { mode: 'password', tokenSecret: 'mud-test-secret-0123456789abcdefghijklmn' },
    });
    dir = await mkdtemp(join(tmpdir(), 'aether-mud-'));
    sessionFile = join(dir, 'aether', 'mud-session.json');
  });

  afterEach(() => {
    for (const p of processes.splice(0)) p.kill();
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('registers with the password from AETHER_PASSWORD, plays, and keeps the session in a private file', async () => {
    const first = mud(['--username', 'Quill', '--register', '--create', 'Quill', '--linger', '300'], { AETHER_PASSWORD: 'a long enough password' });
    first.type('/look');
    first.endInput();
    expect(await first.exited).toBe(0);
    expect(first.stdout).toContain('Registered and logged in as quill.');
    expect(first.stdout).toMatch(/^You are Quill, /m);
    expect(first.stdout).not.toContain('a long enough password');
    expect((await stat(sessionFile)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(sessionFile, 'utf8')).sessions[new URL(server.url).origin];
    expect(stored).toEqual({ username: 'quill', refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(await readFile(sessionFile, 'utf8')).not.toContain('a long enough password');
  });

  it('the next run stays logged in without a password, rotating the stored token', async () => {
    const before = await readFile(sessionFile, 'utf8');
    const second = mud(['--character', 'Quill', '--linger', '300']);
    second.type('/look');
    second.endInput();
    expect(await second.exited).toBe(0);
    expect(second.stdout).toContain('Logged in as quill (stored session).');
    expect(second.stdout).toMatch(/^You are in .+ at \(/m);
    expect(await readFile(sessionFile, 'utf8')).not.toBe(before);
  });

  it('a wrong password is refused without saying which part was wrong; no password and no terminal is explained', async () => {
    const wrong = mud(['--username', 'quill', '--session-file', join(dir, 'other.json')], { AETHER_PASSWORD: 'not the password' });
    wrong.endInput();
    expect(await wrong.exited).toBe(1);
    expect(wrong.stdout).toContain('! Wrong username or password.');
    const none = mud(['--username', 'quill', '--session-file', join(dir, 'other.json')], { AETHER_PASSWORD: '' });
    none.endInput();
    expect(await none.exited).toBe(1);
    expect(none.stdout).toContain('set AETHER_PASSWORD, or run in a terminal');
  });

  it('--logout ends the session on the server and forgets it; the next run needs the password', async () => {
    const token = JSON.parse(await readFile(sessionFile, 'utf8')).sessions[new URL(server.url).origin].refreshToken;
    const out = mud(['--logout']);
    expect(await out.exited).toBe(0);
    expect(out.stdout).toContain('Logged out.');
    expect(JSON.parse(await readFile(sessionFile, 'utf8')).sessions).toEqual({});
    const refresh = await fetch(`${server.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: token }),
    });
    expect(refresh.status).toBe(401);

    const again = mud(['--character', 'Quill']);
    again.endInput();
    expect(await again.exited).toBe(2);
    expect(again.stderr).toContain('no stored session');
    const back = mud(['--username', 'quill', '--character', 'Quill', '--linger', '0'], { AETHER_PASSWORD: 'a long enough password' });
    back.endInput();
    expect(await back.exited).toBe(0);
    expect(back.stdout).toContain('Logged in as quill.');
  });

  it('a dev token is refused by a password server with the server’s reason', async () => {
    const dev = mud(['--name', 'quill']);
    dev.endInput();
    expect(await dev.exited).toBe(1);
    expect(dev.stdout).toMatch(/! The server refused the login: the access token is not valid/);
  });
});
