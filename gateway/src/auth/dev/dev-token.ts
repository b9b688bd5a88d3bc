const DEV_NAME = /^[A-Za-z0-9_-]{1,32}$/;

export type DevTokenResult = { ok: true; username: string } | { ok: false; message: string };

/** `dev:<name>` → the account name (lower case). Dev login trusts the client: see DevAuthenticator. */
export function parseDevToken(token: string): DevTokenResult {
  const match = /^dev:(.*)$/.exec(token);
  if (!match) return { ok: false, message: 'in dev mode the token is "dev:<name>"' };
  const name = match[1]!;
  if (!DEV_NAME.test(name)) return { ok: false, message: 'a dev account name is 1 to 32 letters, digits, "_" or "-"' };
  return { ok: true, username: name.toLowerCase() };
}
