import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateTokenSecret } from './token-secret.js';

describe('loadOrCreateTokenSecret', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aether-secret-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a secret once, readable by its owner only, and gives the same one on the next start', async () => {
    const path = join(dir, 'data', 'auth-token-secret');
    const first = await loadOrCreateTokenSecret(path);
    expect(first.created).toBe(true);
    expect(Buffer.byteLength(first.secret)).toBeGreaterThanOrEqual(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateTokenSecret(path)).toEqual({ secret: first.secret, created: false });
  });

  it('tightens a file others could read, and refuses one too short to be a secret', async () => {
    const path = join(dir, 'auth-token-secret');
    await writeFile(path, `${'k'.repeat(40)}\n`);
    await chmod(path, 0o644);
    expect((await loadOrCreateTokenSecret(path)).secret).toBe('k'.repeat(40));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await writeFile(path, 'short');
    await expect(loadOrCreateTokenSecret(path)).rejects.toThrow(/fewer than 32 bytes/);
    expect(await readFile(path, 'utf8')).toBe('short');
  });

  it('two starts at once agree on one secret', async () => {
    const path = join(dir, 'auth-token-secret');
    const [a, b] = await Promise.all([loadOrCreateTokenSecret(path), loadOrCreateTokenSecret(path)]);
    expect(a.secret).toBe(b.secret);
  });
});
