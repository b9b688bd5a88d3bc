import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@aether/shared/observability';
import type { z } from 'zod';
import { LoginRequest, RefreshRequest, RegisterRequest } from './password/credentials.js';
import type { AuthFailure, AuthFailureCode, PasswordAccounts, SessionResult } from './password/password-accounts.js';
import { sendJson } from '../http/routes.js';

export interface AuthRoutesOptions {
  accounts: PasswordAccounts;
  /** The client's address for the login limits (honours LIMIT_TRUSTED_PROXY_HOPS). */
  clientIp: (request: IncomingMessage) => string;
  logger: Logger;
  /** Called after a logout revoked a known session (e.g. to revoke the account's resume tokens). Failures are logged, not answered. */
  onLogout?: (accountId: string) => void | Promise<void>;
  /** Largest request body accepted (default 4 KiB: a username, a password or a token). */
  bodyLimitBytes?: number;
}

const PREFIX = '/api/auth/';
const STATUS: Record<AuthFailureCode, number> = {
  invalid_payload: 400,
  invalid_credentials: 401,
  unauthorized: 401,
  banned: 403,
  username_taken: 409,
  rate_limited: 429,
};

type Handler = (body: unknown, request: IncomingMessage, response: ServerResponse) => Promise<void>;

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Password mode's REST API (docs/operations.md, "Authentication"):
 * POST /api/auth/register, /login, /refresh, /logout with JSON bodies. Only
 * `application/json` is accepted: besides saying what the API speaks, it keeps
 * other sites' forms from posting here (a cross-origin JSON request needs a
 * CORS preflight, which this server never grants).
 */
export class AuthRoutes {
  private readonly bodyLimit: number;
  private readonly handlers: Record<string, Handler>;

  constructor(options: AuthRoutesOptions) {
    this.bodyLimit = options.bodyLimitBytes ?? 4096;
    this.handlers = {
      register: async (body, request, response) => {
        const { username, password } = parse(RegisterRequest, body);
        this.answer(response, await options.accounts.register(username, password, options.clientIp(request)), 201);
      },
      login: async (body, request, response) => {
        const { username, password } = parse(LoginRequest, body);
        this.answer(response, await options.accounts.login(username, password, options.clientIp(request)));
      },
      refresh: async (body, request, response) => {
        const { refreshToken } = parse(RefreshRequest, body);
        this.answer(response, await options.accounts.refresh(refreshToken, options.clientIp(request)));
      },
      logout: async (body, _request, response) => {
        const { refreshToken } = parse(RefreshRequest, body);
        const accountId = await options.accounts.logout(refreshToken);
        if (accountId && options.onLogout) {
          try {
            await options.onLogout(accountId);
          } catch (error) {
            options.logger.warn({ err: error }, 'the logout hook failed');
          }
        }
        // The same answer for a known and an unknown token: logging out twice is fine.
        sendJson(response, 200, { ok: true });
      },
    };
  }

  /** For GatewayOptions.routes: answers /api/auth/*, false for anything else. */
  readonly handle = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = (request.url ?? '/').split('?')[0]!;
    if (!path.startsWith(PREFIX)) return false;
    const handler = Object.hasOwn(this.handlers, path.slice(PREFIX.length)) ? this.handlers[path.slice(PREFIX.length)] : undefined;
    if (!handler) {
      sendJson(response, 404, { error: { code: 'not_found', message: `Nothing at ${path}; the auth API has register, login, refresh and logout.` } });
      return true;
    }
    try {
      if (request.method !== 'POST') throw new BadRequest(405, `${path} takes POST`, { allow: 'POST' });
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') throw new BadRequest(415, 'send a JSON body with content-type: application/json');
      await handler(await this.readJson(request), request, response);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      // A body left unread (too large) would be parsed as the next request: close the connection after answering.
      if (!request.complete) response.setHeader('connection', 'close');
      for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
      sendJson(response, error.status, { error: { code: 'invalid_payload', message: error.message } });
    }
    return true;
  };

  private answer(response: ServerResponse, result: SessionResult, okStatus = 200): void {
    if (result.ok) {
      sendJson(response, okStatus, result.session);
      return;
    }
    const failure: AuthFailure = result;
    if (failure.retryAfterSeconds !== undefined) response.setHeader('retry-after', String(failure.retryAfterSeconds));
    sendJson(response, STATUS[failure.code], { error: { code: failure.code, message: failure.message } });
  }

  private async readJson(request: IncomingMessage): Promise<unknown> {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.bodyLimit) throw new BadRequest(413, `the body is larger than ${this.bodyLimit} bytes`);
    const body = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // Events rather than for-await: leaving an async iterator early destroys the socket before the 413 is sent.
      request.on('data', (chunk: Buffer) => {
        if (size > this.bodyLimit) return; // over the limit: the rest is discarded
        size += chunk.length;
        if (size > this.bodyLimit) reject(new BadRequest(413, `the body is larger than ${this.bodyLimit} bytes`));
        else chunks.push(chunk);
      });
      request.on('end', () => resolve(Buffer.concat(chunks)));
      request.on('error', reject);
    });
    try {
      return JSON.parse(body.toString('utf8'));
    } catch {
      throw new BadRequest(400, 'the body is not valid JSON');
    }
  }
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 3).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  throw new BadRequest(400, problems.join('; '));
}
