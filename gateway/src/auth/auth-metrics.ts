import { Counter, Histogram, type Registry } from 'prom-client';
import type { AuthMode } from './auth-settings.js';

export type AuthAction = 'handshake' | 'register' | 'login' | 'refresh' | 'logout';
/** What became of an attempt; a small fixed set (docs/operations.md, "Authentication"). */
export type AuthOutcome = 'ok' | 'unauthorized' | 'invalid_credentials' | 'invalid_payload' | 'username_taken' | 'banned' | 'rate_limited' | 'reused' | 'error';
/** Which limit refused a request. */
export type AuthLimit = 'login_ip' | 'login_username' | 'register_ip' | 'refresh_ip' | 'hashing_busy';

/**
 * Login metrics (docs/metrics.md, "Gateway: login"), in the gateway's family
 * like every metric of the process; labels are fixed sets, never usernames or
 * addresses.
 */
export class AuthMetrics {
  private readonly attempts: Counter<'mode' | 'kind' | 'result'>;
  private readonly throttled: Counter<'reason'>;
  readonly hashSeconds: Histogram<never>;

  constructor(
    registry: Registry,
    private readonly mode: AuthMode,
  ) {
    this.attempts = new Counter({
      name: 'aether_gateway_auth_attempts_total',
      help: 'Logins, registrations, refreshes, logouts and socket handshakes (kind), by auth mode and result.',
      labelNames: ['mode', 'kind', 'result'],
      registers: [registry],
    });
    this.throttled = new Counter({
      name: 'aether_gateway_auth_throttled_total',
      help: 'Auth requests refused with rate_limited, by the limit that refused them (reason).',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.hashSeconds = new Histogram({
      name: 'aether_gateway_auth_password_hash_seconds',
      help: 'Time to hash or verify one password (scrypt): what each login costs the gateway.',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6],
      registers: [registry],
    });
  }

  attempt(action: AuthAction, outcome: AuthOutcome): void {
    this.attempts.inc({ mode: this.mode, kind: action, result: outcome });
  }

  throttle(limit: AuthLimit): void {
    this.throttled.inc({ reason: limit });
  }
}
