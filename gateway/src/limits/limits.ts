import { COMMAND_MAX_LENGTH } from '@aether/shared';
import { parseEnv } from '@aether/shared/config';
import { z } from 'zod';

const whole = (min: number, max: number) => z.coerce.number().int('must be a whole number').min(min).max(max);

/**
 * The gateway's abuse limits as environment variables (docs/security.md).
 * Every default is far above what a person playing does, so only floods,
 * scripts and broken clients meet them.
 */
export const LimitsEnv = z.object({
  /** Cost units a socket earns per second (a move or a command costs 1, see event-costs.ts). */
  LIMIT_SOCKET_RATE: whole(1, 100_000).default(30),
  /** Cost units a socket may spend at once. */
  LIMIT_SOCKET_BURST: whole(1, 1_000_000).default(60),
  /** Cost units an account earns per second, over all its sockets on this gateway; kept across reconnects. */
  LIMIT_ACCOUNT_RATE: whole(1, 100_000).default(60),
  LIMIT_ACCOUNT_BURST: whole(1, 1_000_000).default(120),
  /** An account's bucket is forgotten after this long without a message (then it starts full again). */
  LIMIT_ACCOUNT_IDLE_SECONDS: whole(1, 86_400).default(600),
  /** Refused messages (about ten seconds' worth) after which the socket is closed. */
  LIMIT_REFUSALS_BEFORE_DISCONNECT: whole(1, 1_000_000).default(100),
  /** Requests waiting behind the one being handled, per socket; more are refused. */
  LIMIT_QUEUED_REQUESTS: whole(1, 10_000).default(32),
  /** Open connections from one client address (an IPv6 client: its /64). */
  LIMIT_CONNECTIONS_PER_IP: whole(1, 1_000_000).default(32),
  /**
   * Proxies in front of the gateway that append to X-Forwarded-For: the
   * client address is the one that many hops from the right. 0 (the default)
   * ignores the header, which anyone can write.
   */
  LIMIT_TRUSTED_PROXY_HOPS: whole(0, 10).default(0),
  LIMIT_CHARACTERS_PER_ACCOUNT: whole(1, 1_000).default(8),
  /** Characters in one `command` (at most the protocol's own COMMAND_MAX_LENGTH). */
  LIMIT_COMMAND_LENGTH: whole(1, COMMAND_MAX_LENGTH).default(COMMAND_MAX_LENGTH),
  /** Bytes waiting to be written to one socket after which it is a slow reader and is dropped. */
  LIMIT_OUTBOUND_BUFFER_BYTES: whole(16 * 1024, 1024 * 1024 * 1024).default(2 * 1024 * 1024),
});
export type LimitsEnv = z.infer<typeof LimitsEnv>;

export interface GatewayLimits {
  socket: { perSecond: number; burst: number };
  account: { perSecond: number; burst: number; idleMs: number };
  refusalsBeforeDisconnect: number;
  queuedRequests: number;
  connectionsPerIp: number;
  trustedProxyHops: number;
  charactersPerAccount: number;
  commandLength: number;
  outboundBufferBytes: number;
}

export function limitsFrom(env: LimitsEnv): GatewayLimits {
  return {
    socket: { perSecond: env.LIMIT_SOCKET_RATE, burst: env.LIMIT_SOCKET_BURST },
    account: { perSecond: env.LIMIT_ACCOUNT_RATE, burst: env.LIMIT_ACCOUNT_BURST, idleMs: env.LIMIT_ACCOUNT_IDLE_SECONDS * 1000 },
    refusalsBeforeDisconnect: env.LIMIT_REFUSALS_BEFORE_DISCONNECT,
    queuedRequests: env.LIMIT_QUEUED_REQUESTS,
    connectionsPerIp: env.LIMIT_CONNECTIONS_PER_IP,
    trustedProxyHops: env.LIMIT_TRUSTED_PROXY_HOPS,
    charactersPerAccount: env.LIMIT_CHARACTERS_PER_ACCOUNT,
    commandLength: env.LIMIT_COMMAND_LENGTH,
    outboundBufferBytes: env.LIMIT_OUTBOUND_BUFFER_BYTES,
  };
}

/** The limits from LIMIT_* in the environment (defaults when unset); a bad value throws a ConfigError naming it. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): GatewayLimits {
  return limitsFrom(parseEnv(LimitsEnv, env));
}

export const DEFAULT_LIMITS: GatewayLimits = limitsFrom(LimitsEnv.parse({}));

/** Some limits changed, the rest at their defaults (GatewayOptions.limits). */
export type GatewayLimitsInput = {
  [K in keyof GatewayLimits]?: GatewayLimits[K] extends object ? Partial<GatewayLimits[K]> : GatewayLimits[K];
};

export function withDefaults(input: GatewayLimitsInput = {}): GatewayLimits {
  return {
    ...DEFAULT_LIMITS,
    ...input,
    socket: { ...DEFAULT_LIMITS.socket, ...input.socket },
    account: { ...DEFAULT_LIMITS.account, ...input.account },
  } as GatewayLimits;
}
