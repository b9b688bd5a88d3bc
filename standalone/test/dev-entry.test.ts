import { spawn, type ChildProcess } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, freePort, type TestDatabase, waitFor } from '@aether/testing';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** An address of this machine that is not loopback: what another machine on the network would connect to. */
function outsideAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return undefined;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

/**
 * `make dev` runs standalone/dist/main.js: the one-process game must listen on
 * loopback unless GATEWAY_HOST says otherwise, and its log must say so.
 */
describe('the one-process game (make dev) binds to loopback', () => {
  let database: TestDatabase;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    child = undefined;
    output = '';
  }, 30_000);
  afterAll(async () => {
    await database.drop();
  });

  async function start(env: Record<string, string>): Promise<number> {
    const port = await freePort();
    child = spawn(process.execPath, ['standalone/dist/main.js'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, GATEWAY_PORT: String(port), AUTH_MODE: 'dev', ALLOW_DEV_LOGIN: '1', LOG_PRETTY: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(async () => /Aether is running/.test(output), { timeoutMs: 30_000, message: `the game to start:\n${output}` });
    return port;
  }

  // CI machines have a network interface besides loopback; without one the check below would prove nothing.
  const outside = outsideAddress() ?? '';

  it('answers on 127.0.0.1 and logs a localhost URL that is reachable from this address only', async () => {
    const port = await start({});
    expect(await answers(`http://127.0.0.1:${port}/health`)).toBe(true);
    const line = JSON.parse(output.split('\n').find((text) => text.includes('Aether is running'))!);
    expect(line).toMatchObject({ url: `http://localhost:${port}`, host: '127.0.0.1', reachableFrom: 'this address only' });
    expect(outside).not.toBe('');
    expect(await answers(`http://${outside}:${port}/health`)).toBe(false);
  }, 60_000);

  // The control: the same check sees the game when it is asked to listen everywhere, so the refusal above is the bind.
  it('with GATEWAY_HOST=0.0.0.0 it is reachable from the network, and says so', async () => {
    const port = await start({ GATEWAY_HOST: '0.0.0.0' });
    expect(await answers(`http://${outside}:${port}/health`)).toBe(true);
    expect(output).toContain('every interface');
  }, 60_000);
});
