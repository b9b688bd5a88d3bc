/**
 * Who a socket speaks for, settled once at the handshake by the configured
 * authenticator (socket.data.account). Everything after the handshake acts
 * as this account and no other.
 */
export interface AuthenticatedAccount {
  /** account.id in PostgreSQL. */
  id: string;
  username: string;
  role: 'player' | 'admin';
}

/** An authenticator's verdict on a handshake; `code` becomes the connect_error's data.code. */
export type HandshakeVerdict = { ok: true; account: AuthenticatedAccount } | { ok: false; code: 'unauthorized' | 'banned' | 'rate_limited'; message: string };

/** Resolves a handshake's `auth` object (token, …) to an account. */
export interface Authenticator {
  authenticate(auth: unknown, context: { ip: string }): Promise<HandshakeVerdict>;
}
