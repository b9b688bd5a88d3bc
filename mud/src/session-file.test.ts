import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionFile } from './session-file.js';

describe('SessionFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aether-mud-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps one session per server, in a file only its owner can read', async () => {
    const file = new SessionFile(join(dir, 'config', 'aether', 'mud-session.json'));
    expect(await file.load('http://localhost:3100')).toBeUndefined();
    await file.save('http://localhost:3100/', { username: 'ann', refreshToken: 'r1' });
    await file.save('https://play.example', { username: 'bob', refreshToken: 'r2' });
    expect(await file.load('http://localhost:3100')).toEqual({ username: 'ann', refreshToken: 'r1' });
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'config', 'aether'))).mode & 0o777).toBe(0o700);
    await file.remove('http://localhost:3100');
    expect(await file.load('http://localhost:3100')).toBeUndefined();
    expect(JSON.parse(await readFile(file.path, 'utf8')).sessions).toEqual({ 'https://play.example': { username: 'bob', refreshToken: 'r2' } });
  });

  it('treats a damaged file as empty', async () => {
    const path = join(dir, 'mud-session.json');
    await writeFile(path, '{ not json');
    expect(await new SessionFile(path).load('http://localhost:3100')).toBeUndefined();
  });
});
