import type { AccountRecord } from '@aether/shared/db';

export interface BanRefusal {
  ok: false;
  code: 'banned';
  message: string;
}

/** Bans at or beyond this year are shown as permanent. */
const PERMANENT_YEAR = 9999;

/** Refusal for an account banned at `now` (banned_until in the future), saying until when; undefined when not banned. */
export function banRefusal(account: Pick<AccountRecord, 'bannedUntil' | 'banReason'>, now: number): BanRefusal | undefined {
  if (!account.bannedUntil || account.bannedUntil.getTime() <= now) return undefined;
  const until = account.bannedUntil.getUTCFullYear() >= PERMANENT_YEAR ? 'permanently' : `until ${account.bannedUntil.toISOString()}`;
  const reason = account.banReason ? ` (${account.banReason})` : '';
  return { ok: false, code: 'banned', message: `This account is banned ${until}${reason}.` };
}
