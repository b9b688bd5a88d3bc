import type { AuthLimit } from '../auth-metrics.js';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../auth-settings.js';
import { KeyedBuckets } from './keyed-buckets.js';

export type Reservation = { ok: true; release(): void } | { ok: false; limit: AuthLimit; retryAfterSeconds: number };

/**
 * Login throttling (docs/operations.md, "Authentication"): failed logins per
 * username and per IP address, failed refreshes per IP, registrations per IP.
 * An attempt reserves a token from each bucket it touches before any work is
 * done, so a burst of parallel guesses cannot all slip past the check; a
 * successful login gives its tokens back, so only failures count.
 *
 * The buckets live in each gateway's memory: with N gateways behind a load
 * balancer a client gets up to N times the budget (sticky sessions narrow
 * that). Per-username limits still make guessing one password slow.
 */
export class LoginThrottle {
  private readonly perIp: KeyedBuckets;
  private readonly perUsername: KeyedBuckets;
  private readonly registrations: KeyedBuckets;

  constructor(limits: Partial<LoginLimits> = {}, now: () => number = Date.now) {
    const l = { ...DEFAULT_LOGIN_LIMITS, ...limits };
    this.perIp = new KeyedBuckets({ capacity: l.failuresPerIp, refillSeconds: l.ipRefillSeconds, now });
    this.perUsername = new KeyedBuckets({ capacity: l.failuresPerUsername, refillSeconds: l.usernameRefillSeconds, now });
    this.registrations = new KeyedBuckets({ capacity: l.registrationsPerIpPerHour, refillSeconds: 3600 / l.registrationsPerIpPerHour, now });
  }

  /** A login attempt: one token from the IP's and from the username's bucket, or a refusal naming the empty one. */
  reserveLogin(ip: string, username: string): Reservation {
    const byIp = this.perIp.check(ip);
    if (!byIp.ok) return { ok: false, limit: 'login_ip', retryAfterSeconds: byIp.retryAfterSeconds };
    const byName = this.perUsername.check(username);
    if (!byName.ok) return { ok: false, limit: 'login_username', retryAfterSeconds: byName.retryAfterSeconds };
    this.perIp.take(ip);
    this.perUsername.take(username);
    return {
      ok: true,
      release: () => {
        this.perIp.give(ip);
        this.perUsername.give(username);
      },
    };
  }

  /** A refresh attempt draws on the IP's failed-login bucket: guessing refresh tokens is guessing too. */
  reserveRefresh(ip: string): Reservation {
    const byIp = this.perIp.check(ip);
    if (!byIp.ok) return { ok: false, limit: 'refresh_ip', retryAfterSeconds: byIp.retryAfterSeconds };
    this.perIp.take(ip);
    return { ok: true, release: () => this.perIp.give(ip) };
  }

  /** A registration: counts whether or not it succeeds (a taken name still cost a password hash). */
  reserveRegistration(ip: string): Reservation {
    const verdict = this.registrations.check(ip);
    if (!verdict.ok) return { ok: false, limit: 'register_ip', retryAfterSeconds: verdict.retryAfterSeconds };
    this.registrations.take(ip);
    return { ok: true, release: () => this.registrations.give(ip) };
  }
}
