import type { AccountRecord } from './records.js';

export interface AccountRepository {
  /** The account with this exact username, created on first use. Safe under concurrent calls. */
  findOrCreateByUsername(username: string): Promise<AccountRecord>;
}
