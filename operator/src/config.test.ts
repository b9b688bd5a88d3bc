import { ConfigError } from '@aether/shared/config';
import { parseOperatorEnv, zonePodSettings } from './config.js';

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
      RECONCILE_TIMEOUT_MS: 30_000,
      WORK_QUEUE_QPS: 10,
      WORK_QUEUE_BURST: 100,
      WATCH_IDLE_TIMEOUT_MS: 300_000,
    });
    expect(env.WATCH_NAMESPACE).toBeUndefined();
  });

  it('reads the zone pod settings: image, allow-lists and the pod template', () => {
    const env = parseOperatorEnv({
      ...base,
      ZONE_IMAGE: 'registry.example/aether/zone:1.2.0',
      ZONE_IMAGE_ALLOWLIST: ' registry.example/aether/zone:* , other/zone:2 ',
      ZONE_POD_TEMPLATE: JSON.stringify({ imagePullSecrets: [{ name: 'registry' }], nodeSelector: { pool: 'game' } }),
    });
    expect(zonePodSettings(env)).toEqual({
      image: 'registry.example/aether/zone:1.2.0',
      imageAllowlist: ['registry.example/aether/zone:*', 'other/zone:2'],
      envAllowlist: [],
      template: { imagePullSecrets: [{ name: 'registry' }], nodeSelector: { pool: 'game' } },
    });
    expect(zonePodSettings(parseOperatorEnv(base))).toEqual({ image: undefined, imageAllowlist: [], envAllowlist: [], template: {} });
    expect(zonePodSettings(parseOperatorEnv({ ...base, ZONE_ENV_ALLOWLIST: 'LOG_LEVEL, CHECKPOINT_INTERVAL_MS' })).envAllowlist).toEqual([
      'LOG_LEVEL',
      'CHECKPOINT_INTERVAL_MS',
    ]);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['REDIS_URL missing', {}, /REDIS_URL/],
    ['REDIS_URL not redis', { REDIS_URL: 'http://x' }, /REDIS_URL: must start with redis:\/\//],
    ['a namespace that is not a name', { ...base, WATCH_NAMESPACE: 'Not_A_Name' }, /WATCH_NAMESPACE: must be a Kubernetes name/],
    ['renew slower than the deadline', { ...base, LEADER_RENEW_INTERVAL_MS: '12000' }, /LEADER_RENEW_INTERVAL_MS: must be less than LEADER_RENEW_DEADLINE_MS/],
    ['deadline past the lease', { ...base, LEADER_RENEW_DEADLINE_MS: '20000' }, /LEADER_RENEW_DEADLINE_MS: must be less than LEADER_LEASE_DURATION_MS/],
    ['a port that is not a number', { ...base, METRICS_PORT: 'x' }, /METRICS_PORT/],
    ['ZONE_POD_TEMPLATE not JSON', { ...base, ZONE_POD_TEMPLATE: '{nope' }, /ZONE_POD_TEMPLATE: must be JSON/],
    ['ZONE_POD_TEMPLATE with an unknown field', { ...base, ZONE_POD_TEMPLATE: '{"hostNetwork":true}' }, /ZONE_POD_TEMPLATE: .*hostNetwork/],
    ['ZONE_POD_TEMPLATE with a wrong type', { ...base, ZONE_POD_TEMPLATE: '{"nodeSelector":{"pool":1}}' }, /ZONE_POD_TEMPLATE\.nodeSelector\.pool/],
    [
      'ZONE_POD_TEMPLATE setting a reserved variable',
      { ...base, ZONE_POD_TEMPLATE: '{"env":[{"name":"REDIS_URL","value":"x"}]}' },
      /ZONE_POD_TEMPLATE\.env: .*set by the operator/,
    ],
    ['ZONE_IMAGE with a space', { ...base, ZONE_IMAGE: 'aether/zone 1' }, /ZONE_IMAGE: must be an image reference/],
    ['ZONE_ENV_ALLOWLIST with a bad name', { ...base, ZONE_ENV_ALLOWLIST: 'LOG_LEVEL,1BAD' }, /ZONE_ENV_ALLOWLIST\.1: must be environment variable names/],
    ['a reconcile deadline too short', { ...base, RECONCILE_TIMEOUT_MS: '10' }, /RECONCILE_TIMEOUT_MS/],
    ['a queue rate of zero', { ...base, WORK_QUEUE_QPS: '0' }, /WORK_QUEUE_QPS: must be more than 0/],
    ['a queue burst that is not whole', { ...base, WORK_QUEUE_BURST: '1.5' }, /WORK_QUEUE_BURST: must be a whole number/],
    ['a watchdog limit that is not a number', { ...base, WATCH_IDLE_TIMEOUT_MS: 'soon' }, /WATCH_IDLE_TIMEOUT_MS/],
  ])('names the variable: %s', (_name, env, message) => {
    expect(() => parseOperatorEnv(env)).toThrow(ConfigError);
    expect(() => parseOperatorEnv(env)).toThrow(message);
  });
});
