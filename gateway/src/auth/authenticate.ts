import { HandshakeAuth } from '@aether/shared';

export type AuthMode = 'dev' | 'jwt' | 'password';
export type AuthResult = { ok: true; username: string } | { ok: false; message: string };

const DEV_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Resolves the handshake token to an account name. `dev` trusts the client
 * (`dev:<name>`) and is for local play only; the other modes are refused at
 * start-up until they exist, so a deployment cannot silently run unauthenticated.
 */
export function authenticate(mode: AuthMode, auth: unknown): AuthResult {
  const parsed = HandshakeAuth.safeParse(auth);
  if (!parsed.success) return { ok: false, message: 'the handshake needs auth: { token: "…" }' };
  if (mode !== 'dev') return { ok: false, message: `AUTH_MODE=${mode} is not available on this server` };
  const match = /^dev:(.*)$/.exec(parsed.data.token);
  if (!match) return { ok: false, message: 'in dev mode the token is "dev:<name>"' };
  const name = match[1]!;
  if (!DEV_NAME.test(name)) return { ok: false, message: 'a dev account name is 1 to 32 letters, digits, "_" or "-"' };
  return { ok: true, username: name.toLowerCase() };
}
