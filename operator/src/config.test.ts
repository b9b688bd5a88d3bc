import { ConfigError } from '@aether/shared/config';
import { parseOperatorEnv } from './config.js';

const base = { REDIS_URL: 'redis://127.0.0.1:6379' };

describe('operator configuration', () => {
  it('has defaults for everything but REDIS_URL', () => {
    const env = parseOperatorEnv(base);
    expect(env).toMatchObject({
      METRICS_PORT: 9464,
      LEADER_ELECTION_NAME: 'aether-operator',
      LEADER_LEASE_DURATION_MS: 15_000,
      LEADER_RENEW_INTERVAL_MS: 5_000,
      RESYNC_INTERVAL_MS: 2_000,
      HEARTBEAT_TIMEOUT_MS: 15_000,
      ZONE_REDIS_SECRET: 'aether-redis',
      ZONE_DATABASE_SECRET: 'aether-database',
    });
    expect(env.WATCH_NAMESPACE).toBeUndefined();
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['REDIS_URL missing', {}, /REDIS_URL/],
    ['REDIS_URL not redis', { REDIS_URL: 'http://x' }, /REDIS_URL: must start with redis:\/\//],
    ['a namespace that is not a name', { ...base, WATCH_NAMESPACE: 'Not_A_Name' }, /WATCH_NAMESPACE: must be a Kubernetes name/],
    ['renew slower than the deadline', { ...base, LEADER_RENEW_INTERVAL_MS: '12000' }, /LEADER_RENEW_INTERVAL_MS: must be less than LEADER_RENEW_DEADLINE_MS/],
    ['deadline past the lease', { ...base, LEADER_RENEW_DEADLINE_MS: '20000' }, /LEADER_RENEW_DEADLINE_MS: must be less than LEADER_LEASE_DURATION_MS/],
    ['a port that is not a number', { ...base, METRICS_PORT: 'x' }, /METRICS_PORT/],
  ])('names the variable: %s', (_name, env, message) => {
    expect(() => parseOperatorEnv(env)).toThrow(ConfigError);
    expect(() => parseOperatorEnv(env)).toThrow(message);
  });
});
