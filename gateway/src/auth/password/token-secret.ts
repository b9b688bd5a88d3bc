import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Embedded mode's access-token secret when AUTH_TOKEN_SECRET is unset: made
 * once (48 random bytes) and kept in `path` (mode 0600), so a restart keeps
 * everyone's sessions. A file another user could read is tightened to 0600.
 */
export async function loadOrCreateTokenSecret(path: string): Promise<{ secret: string; created: boolean }> {
  let existing: string | undefined;
  try {
    existing = (await readFile(path, 'utf8')).trim();
    if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`could not read the token secret in ${path}`, { cause: error });
  }
  if (existing !== undefined) {
    if (Buffer.byteLength(existing) < 32) throw new Error(`${path} holds fewer than 32 bytes; delete it to make a new secret`);
    return { secret: existing, created: false };
  }
  const secret = randomBytes(48).toString('base64url');
  await mkdir(dirname(path), { recursive: true });
  // Written in full under another name, then linked into place: link() fails if the file exists, so of two
  // processes starting at once one wins, and the other never reads a half-written file; it reads the winner's.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(draft, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    await link(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateTokenSecret(path);
    throw new Error(`could not write the token secret to ${path}`, { cause: error });
  } finally {
    await rm(draft, { force: true });
  }
  return { secret, created: true };
}
