import type { AccountRecord } from './records.js';

/** Another account already has this username. */
export class UsernameTakenError extends Error {
  override readonly name = 'UsernameTakenError';

  constructor(
    readonly username: string,
    options?: ErrorOptions,
  ) {
    super(`the username "${username}" is taken`, options);
  }
}

/** An account and the password hash stored with it (null: the account has no password, e.g. made by dev or OIDC login). */
export interface AccountCredentials {
  account: AccountRecord;
  passwordHash: string | null;
}

/** Who an external identity provider says the player is: issuer + subject, never the username. */
export interface ExternalIdentity {
  issuer: string;
  subject: string;
}

export type AccountRole = 'player' | 'admin';

export interface AccountRepository {
  /** The account with this exact username, created on first use. Safe under concurrent calls. */
  findOrCreateByUsername(username: string): Promise<AccountRecord>;
  findById(id: string): Promise<AccountRecord | null>;
  findByUsername(username: string): Promise<AccountRecord | null>;
  /** For password login: the account with this exact username and its stored hash. */
  findCredentials(username: string): Promise<AccountCredentials | null>;
  /** A new account with a password. Throws UsernameTakenError when the username exists (whatever its kind). */
  createWithPassword(username: string, passwordHash: string): Promise<AccountRecord>;
  /** Replaces the stored hash (re-hashed with stronger parameters after a successful login). */
  setPasswordHash(accountId: string, passwordHash: string): Promise<void>;
  /**
   * The account of an external identity, created on first use with a free
   * username made from `baseUsername` (suffixed -2, -3, … when taken; only for
   * display). Safe under concurrent first logins of the same identity.
   */
  findOrCreateByIdentity(identity: ExternalIdentity, baseUsername: string): Promise<AccountRecord>;
  /** Sets the role; null when no account has this username. */
  setRole(username: string, role: AccountRole): Promise<AccountRecord | null>;
}
