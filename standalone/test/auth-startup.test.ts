import { jest } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, freePort, type TestDatabase, waitFor } from '@aether/testing';
import { TestClient } from '../../gateway/test/client.js';

/**
 * Start-up rules of AUTH_MODE in the one-process game's compiled entry point
 * (what `make dev` and `npm start` run): dev login is refused unless allowed;
 * password mode keeps its token secret in DATA_DIR across restarts.
 */

jest.setTimeout(90_000);

const root = fileURLToPath(new URL('../../', import.meta.url));
// Only what the processes need: none of the caller's AUTH_* or NPC_* leaks in.
const BASE_ENV = { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', LOG_PRETTY: '0' };

describe('AUTH_MODE at start-up of the one-process game', () => {
  it('refuses dev login (the default) without ALLOW_DEV_LOGIN=1: exit 2, naming the variables', () => {
    for (const extra of [{}, { AUTH_MODE: 'dev' }, { AUTH_MODE: 'dev', ALLOW_DEV_LOGIN: '0' }]) {
      const { status, stderr } = spawnSync(process.execPath, ['standalone/dist/main.js'], {
        cwd: root,
        env: { ...BASE_ENV, ...extra },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(status).toBe(2);
      expect(stderr).toMatch(/AUTH_MODE: is "dev" \(the default\), where anyone can log in as anyone: set ALLOW_DEV_LOGIN=1/);
      expect(stderr).toContain('AUTH_MODE=password');
    }
  });
});

describe('embedded password mode (AUTH_MODE=password make dev)', () => {
  let database: TestDatabase;
  let dataDir: string;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    dataDir = await mkdtemp(join(tmpdir(), 'aether-data-'));
  });

  afterEach(async () => {
    await stop();
  });

  afterAll(async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function stop(): Promise<void> {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    child = undefined;
  }

  async function start(port: number): Promise<string> {
    output = '';
    child = spawn(process.execPath, ['standalone/dist/main.js'], {
      cwd: root,
      env: { ...BASE_ENV, DATABASE_URL: database.url, GATEWAY_PORT: String(port), AUTH_MODE: 'password', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(async () => /Aether is running/.test(output), { timeoutMs: 60_000, message: `the game to start:\n${output}` });
    return `http://127.0.0.1:${port}`;
  }

  it('makes a token secret in DATA_DIR (mode 0600) so an access token survives a restart', async () => {
    const port = await freePort();
    let url = await start(port);
    expect(output).toContain('made a token secret for password login');
    const secretFile = join(dataDir, 'auth-token-secret');
    expect((await stat(secretFile)).mode & 0o777).toBe(0o600);
    const registered = await fetch(`${url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'restart', password: 'survives restarts' }),
    }).then((response) => response.json());
    expect(registered.accessToken).toEqual(expect.any(String));

    await stop();
    url = await start(port);
    expect(output).not.toContain('made a token secret');
    const client = new TestClient(url, 'unused', { token: registered.accessToken });
    try {
      await client.connected();
      expect((await client.request('character_list', {})).ok).toBe(true);
    } finally {
      client.close();
    }
    // Dev tokens mean nothing here.
    const dev = new TestClient(url, 'restart');
    await expect(dev.connected()).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    dev.close();
    expect(output).not.toContain(registered.accessToken);
    expect(output).not.toContain(registered.refreshToken);
  });
});
