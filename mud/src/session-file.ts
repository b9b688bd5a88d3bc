import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const StoredSession = z.object({ username: z.string(), refreshToken: z.string() });
export type StoredSession = z.infer<typeof StoredSession>;
const FileContent = z.object({ sessions: z.record(z.string(), StoredSession) });

/**
 * The MUD client's stored password sessions, one per server (by URL origin):
 * a refresh token, which logs in without the password until it expires or is
 * revoked, so the file is private to its owner (0600, in a 0700 folder).
 */
export class SessionFile {
  constructor(readonly path: string) {}

  async load(server: string): Promise<StoredSession | undefined> {
    return (await this.readAll()).sessions[originOf(server)];
  }

  async save(server: string, session: StoredSession): Promise<void> {
    const content = await this.readAll();
    content.sessions[originOf(server)] = session;
    await this.writeAll(content);
  }

  async remove(server: string): Promise<void> {
    const content = await this.readAll();
    if (!(originOf(server) in content.sessions)) return;
    delete content.sessions[originOf(server)];
    await this.writeAll(content);
  }

  private async readAll(): Promise<z.infer<typeof FileContent>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: {} };
      throw new Error(`could not read ${this.path}`, { cause: error });
    }
    try {
      return FileContent.parse(JSON.parse(text));
    } catch {
      // A damaged file holds nothing worth keeping: the next login rewrites it.
      return { sessions: {} };
    }
  }

  private async writeAll(content: z.infer<typeof FileContent>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    // Written aside and renamed over: a crash never leaves half a file, and the new file is 0600 from its first byte.
    const draft = `${this.path}.${process.pid}.tmp`;
    await writeFile(draft, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    await chmod(draft, 0o600);
    await rename(draft, this.path);
  }
}

function originOf(server: string): string {
  return new URL(server).origin;
}
