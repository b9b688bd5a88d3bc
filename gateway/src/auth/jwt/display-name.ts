import type { JWTPayload } from 'jose';

const FALLBACK = 'player';
const MAX = 32;

/**
 * A username for an account from an identity provider, from its token's
 * claims (preferred_username, then name, nickname, the e-mail's local part):
 * lower case, accents dropped, anything outside a-z 0-9 _ - turned into "-",
 * 3 to 32 characters ("player" when nothing usable is left). Only for
 * display and logs: the account is the issuer + subject, and the repository
 * appends a suffix when the name is taken.
 */
export function displayUsername(claims: JWTPayload): string {
  const email = typeof claims.email === 'string' ? claims.email.split('@')[0] : undefined;
  for (const candidate of [claims.preferred_username, claims.name, claims.nickname, email]) {
    if (typeof candidate !== 'string') continue;
    const name = sanitise(candidate);
    if (name.length >= 3) return name;
  }
  return FALLBACK;
}

function sanitise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, MAX)
    .replace(/[-_]+$/, '');
}
