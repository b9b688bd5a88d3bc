import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

export interface KeySourceOptions {
  jwksUrl?: string;
  publicKey?: string;
  /** Seconds before an unknown key id may trigger another JWKS fetch (default 30). */
  cooldownSeconds?: number;
}

/**
 * The provider's verification keys. A JWKS URL is fetched on first use,
 * cached for 10 minutes, and fetched again (at most once per cooldown) when a
 * token names a key id it does not hold: that is how a provider's key
 * rotation reaches us. A PEM key is fixed.
 */
export function jwtKeySource(options: KeySourceOptions): JWTVerifyGetKey | KeyObject {
  if (options.publicKey) return createPublicKey(options.publicKey);
  if (!options.jwksUrl) throw new Error('AUTH_MODE=jwt needs a JWKS URL or a public key');
  return createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: (options.cooldownSeconds ?? 30) * 1000,
    cacheMaxAge: 10 * 60 * 1000,
    timeoutDuration: 5000,
  });
}
