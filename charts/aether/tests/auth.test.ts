import { env, find, render, renderError, type K8sObject } from './helpers.js';

// The chart's `auth:` values: what each mode puts in the gateway's
// environment and Secrets, and the combinations it refuses to render
// (docs/operations.md, "Authentication" and "Values").

const SECRET = 'a-token-secret-of-at-least-32-bytes-0123';
const gatewayEnv = (objects: K8sObject[]) => env(find(objects, 'Deployment', '-gateway').spec.template.spec.containers[0]);

describe('auth.mode=dev', () => {
  it('sets the explicit opt-in the gateway needs, behind the default ClusterIP Service', () => {
    const objects = render();
    expect(gatewayEnv(objects)).toMatchObject({ AUTH_MODE: 'dev', ALLOW_DEV_LOGIN: '1' });
    expect(find(objects, 'Service', '-gateway').spec.type ?? 'ClusterIP').toBe('ClusterIP');
  });

  it.each(['LoadBalancer', 'NodePort'])('refuses to render behind a %s Service', (type) => {
    const error = renderError({ set: { 'gateway.service.type': type } });
    expect(error).toContain(`auth.mode=dev lets anyone log in as anyone (the token "dev:<name>"), so it cannot go behind a ${type} Service`);
    expect(error).toContain('auth.mode=password');
  });
});

describe('auth.mode=password', () => {
  it('keeps tokenSecret in a Secret the chart creates and hands the gateway every knob', () => {
    const objects = render({
      set: { 'auth.mode': 'password', 'auth.password.tokenSecret': SECRET, 'auth.password.login.failuresPerIp': 50, 'gateway.service.type': 'LoadBalancer' },
    });
    expect(find(objects, 'Secret', '-auth').stringData).toEqual({ 'token-secret': SECRET });
    const gateway = gatewayEnv(objects);
    expect(gateway).toMatchObject({
      AUTH_MODE: 'password',
      AUTH_TOKEN_SECRET: { secretKeyRef: { name: 'rel-aether-auth', key: 'token-secret' } },
      AUTH_ACCESS_TOKEN_TTL_SECONDS: '900',
      AUTH_REFRESH_TOKEN_TTL_DAYS: '30',
      AUTH_LOGIN_FAILURES_PER_USERNAME: '5',
      AUTH_LOGIN_USERNAME_REFILL_SECONDS: '60',
      AUTH_LOGIN_FAILURES_PER_IP: '50',
      AUTH_LOGIN_IP_REFILL_SECONDS: '30',
      AUTH_REGISTRATIONS_PER_IP_PER_HOUR: '5',
    });
    expect(gateway.ALLOW_DEV_LOGIN).toBeUndefined();
    // The secret never appears in the Deployment itself, only a checksum that rolls the pods when it changes.
    expect(JSON.stringify(find(objects, 'Deployment', '-gateway'))).not.toContain(SECRET);
    const checksum = find(objects, 'Deployment', '-gateway').spec.template.metadata.annotations['checksum/auth'];
    expect(checksum).toMatch(/^[0-9a-f]{16}$/);
    const other = render({ set: { 'auth.mode': 'password', 'auth.password.tokenSecret': `${SECRET}-rotated` } });
    expect(find(other, 'Deployment', '-gateway').spec.template.metadata.annotations['checksum/auth']).not.toBe(checksum);
  });

  it('reads an existing Secret instead, creating none', () => {
    const objects = render({ set: { 'auth.mode': 'password', 'auth.password.existingSecret': 'game-auth', 'auth.password.existingSecretKey': 'signing-key' } });
    expect(objects.some((object) => object.kind === 'Secret' && object.metadata.name.endsWith('-auth'))).toBe(false);
    expect(gatewayEnv(objects).AUTH_TOKEN_SECRET).toEqual({ secretKeyRef: { name: 'game-auth', key: 'signing-key' } });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['no secret', { 'auth.mode': 'password' }, /auth\.mode=password needs auth\.password\.tokenSecret .* or auth\.password\.existingSecret/],
    [
      'a short secret',
      { 'auth.mode': 'password', 'auth.password.tokenSecret': 'short-secret' },
      /auth\.password\.tokenSecret must be at least 32 bytes \(it has 12\)/,
    ],
    [
      'both',
      { 'auth.mode': 'password', 'auth.password.tokenSecret': SECRET, 'auth.password.existingSecret': 'x' },
      /either tokenSecret or existingSecret, not both/,
    ],
  ])('refuses %s', (_name, set, message) => {
    const error = renderError({ set });
    expect(error).toMatch(message);
    expect(error).not.toContain('short-secret-value');
  });
});

describe('auth.mode=jwt', () => {
  const base = { 'auth.mode': 'jwt', 'auth.jwt.issuer': 'https://id.example/realms/games', 'auth.jwt.audience': 'aether' };

  it('verifies against the provider’s JWKS: issuer, audience, URL and algorithms as plain values, no Secret', () => {
    const objects = render({ set: { ...base, 'auth.jwt.jwksUrl': 'https://id.example/realms/games/certs', 'auth.jwt.algorithms': 'RS256\\,ES256' } });
    expect(gatewayEnv(objects)).toMatchObject({
      AUTH_MODE: 'jwt',
      AUTH_JWT_ISSUER: 'https://id.example/realms/games',
      AUTH_JWT_AUDIENCE: 'aether',
      AUTH_JWT_JWKS_URL: 'https://id.example/realms/games/certs',
      AUTH_JWT_ALGORITHMS: 'RS256,ES256',
    });
    expect(gatewayEnv(objects).AUTH_JWT_PUBLIC_KEY).toBeUndefined();
    expect(objects.some((object) => object.kind === 'Secret' && object.metadata.name.endsWith('-jwt'))).toBe(false);
  });

  it('or against a PEM key from an existing Secret', () => {
    const objects = render({ set: { ...base, 'auth.jwt.existingSecret': 'idp-key', 'auth.jwt.existingSecretKey': 'public.pem' } });
    expect(gatewayEnv(objects).AUTH_JWT_PUBLIC_KEY).toEqual({ secretKeyRef: { name: 'idp-key', key: 'public.pem' } });
    expect(gatewayEnv(objects).AUTH_JWT_JWKS_URL).toBeUndefined();
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['no issuer', { 'auth.mode': 'jwt', 'auth.jwt.audience': 'a', 'auth.jwt.jwksUrl': 'https://x/jwks' }, /auth\.mode=jwt needs auth\.jwt\.issuer/],
    ['no audience', { 'auth.mode': 'jwt', 'auth.jwt.issuer': 'i', 'auth.jwt.jwksUrl': 'https://x/jwks' }, /auth\.mode=jwt needs auth\.jwt\.audience/],
    ['no keys', base, /auth\.mode=jwt needs auth\.jwt\.jwksUrl/],
    ['a JWKS and a key', { ...base, 'auth.jwt.jwksUrl': 'https://x/jwks', 'auth.jwt.publicKey': 'PEM' }, /either jwksUrl or a public key/],
    ['a JWKS URL that is not http(s)', { ...base, 'auth.jwt.jwksUrl': 'ftp://x/jwks' }, /auth\/jwt\/jwksUrl/],
    ['a symmetric algorithm', { ...base, 'auth.jwt.jwksUrl': 'https://x/jwks', 'auth.jwt.algorithms': 'HS256' }, /auth\/jwt\/algorithms/],
  ])('refuses %s', (_name, set, message) => {
    expect(renderError({ set })).toMatch(message);
  });
});

it('lists every problem at once instead of one per attempt', () => {
  const error = renderError({
    values: [],
    set: { 'auth.mode': 'jwt', 'gateway.autoscaling.enabled': true, 'gateway.autoscaling.minReplicas': 5, 'gateway.autoscaling.maxReplicas': 2 },
  });
  for (const problem of [
    /set redis\.url/,
    /set database\.url/,
    /auth\.mode=jwt needs auth\.jwt\.issuer/,
    /auth\.mode=jwt needs auth\.jwt\.audience/,
    /auth\.mode=jwt needs auth\.jwt\.jwksUrl/,
    /minReplicas \(5\) must be <= /,
  ]) {
    expect(error).toMatch(problem);
  }
  expect(error.match(/^\s+- /gm)).toHaveLength(6);
});
