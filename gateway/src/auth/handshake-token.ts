import { HandshakeAuth } from '@aether/shared';

/** The handshake's `auth.token`, or undefined when the handshake has none of the right shape. */
export function handshakeToken(auth: unknown): string | undefined {
  const parsed = HandshakeAuth.safeParse(auth);
  return parsed.success ? parsed.data.token : undefined;
}

export const NO_TOKEN = { ok: false, code: 'unauthorized', message: 'the handshake needs auth: { token: "…" }' } as const;
