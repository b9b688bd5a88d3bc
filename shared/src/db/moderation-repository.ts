/** What the zone needs to know about the account behind a character: who, whether an admin, whether muted. */
export interface AccountStanding {
  accountId: string;
  username: string;
  characterId: string;
  characterName: string;
  /** "player" or "admin", as stored (account.role). */
  role: string;
  mutedUntil: Date | null;
  bannedUntil: Date | null;
}

/**
 * Account moderation as admin commands use it: look up whose a character is,
 * mute and ban accounts. The audit trail is AuditLogRepository's.
 */
export interface ModerationRepository {
  /** The standing of the account that owns this character; null when there is no such character. */
  standingOfCharacter(characterId: string): Promise<AccountStanding | null>;
  /** The same, found by character name in any letter case. */
  standingOfCharacterNamed(name: string): Promise<AccountStanding | null>;
  /** The ids of every character of the account (a mute or ban reaches all of them). */
  characterIdsOf(accountId: string): Promise<string[]>;
  /** null unmutes. */
  setMutedUntil(accountId: string, until: Date | null): Promise<void>;
  /** null `until` lifts the ban (and clears the reason). */
  setBan(accountId: string, until: Date | null, reason: string | null): Promise<void>;
}
