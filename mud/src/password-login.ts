import type { SessionFile } from './session-file.js';

/** A refusal from the auth API, with its code (invalid_credentials, rate_limited, …). */
export class LoginError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface SessionAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  account: { username: string; role: string };
}

/** Renew this long before the access token expires. */
const EARLY_MS = 60_000;

/**
 * Password mode for the MUD client: log in or register over the REST API,
 * keep the refresh token in the session file so the next run needs no
 * password, and hand each socket (re)connect a fresh access token. Each
 * refresh rotates the token, so the file is re-read right before one (another
 * run may have rotated it) and written right after.
 */
export class PasswordLogin {
  private accessToken: string | undefined;
  private expiresAt = 0;
  username: string | undefined;

  constructor(
    private readonly server: string,
    private readonly file: SessionFile,
    private readonly now: () => number = Date.now,
  ) {}

  async login(username: string, password: string, register: boolean): Promise<void> {
    await this.adopt(await this.post(register ? 'register' : 'login', { username, password }));
  }

  /** Continues the stored session (of `username`, when given); false when there is none to continue. */
  async resume(username?: string): Promise<boolean> {
    const stored = await this.file.load(this.server);
    if (!stored || (username !== undefined && stored.username !== username.trim().toLowerCase())) return false;
    try {
      await this.adopt(await this.post('refresh', { refreshToken: stored.refreshToken }));
      return true;
    } catch (error) {
      if (error instanceof LoginError && (error.code === 'unauthorized' || error.code === 'banned')) {
        await this.file.remove(this.server);
        if (error.code === 'banned') throw error;
        return false;
      }
      throw error;
    }
  }

  /** A valid access token for the handshake, renewed when it is about to expire. */
  async token(): Promise<string> {
    if (!this.accessToken || this.now() > this.expiresAt - EARLY_MS) {
      if (!(await this.resume(this.username))) throw new LoginError('unauthorized', 'The session has ended; log in again with --username.');
    }
    return this.accessToken!;
  }

  /** Revokes the stored session on the server and forgets it here; false when there was none. */
  async logout(): Promise<boolean> {
    const stored = await this.file.load(this.server);
    if (!stored) return false;
    await this.post('logout', { refreshToken: stored.refreshToken });
    await this.file.remove(this.server);
    return true;
  }

  private async adopt(answer: SessionAnswer): Promise<void> {
    this.accessToken = answer.accessToken;
    this.expiresAt = this.now() + answer.expiresIn * 1000;
    this.username = answer.account.username;
    await this.file.save(this.server, { username: answer.account.username, refreshToken: answer.refreshToken });
  }

  private async post(action: string, body: unknown): Promise<SessionAnswer> {
    let response: Response;
    try {
      response = await fetch(new URL(`/api/auth/${action}`, this.server), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new Error(`cannot reach ${this.server}`, { cause: error });
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } } & SessionAnswer;
    if (!response.ok) {
      const code = answer.error?.code ?? 'internal';
      if (response.status === 404 && code === 'not_found') throw new LoginError(code, `${answer.error?.message ?? 'This server has no password login.'}`);
      throw new LoginError(code, answer.error?.message ?? `the server answered ${response.status}`);
    }
    return answer;
  }
}
