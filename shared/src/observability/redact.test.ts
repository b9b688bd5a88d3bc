import { isSecretName, REDACT_PATHS, redactText } from './redact.js';

describe('redactText', () => {
  it.each([
    ['redis://:hunter2@redis:6379/0', 'redis://:[redacted]@redis:6379/0'],
    ['rediss://aether:s3cr%40t@redis.example:6380', 'rediss://aether:[redacted]@redis.example:6380'],
    ['postgresql://aether:pw@db:5432/aether?sslmode=require', 'postgresql://aether:[redacted]@db:5432/aether?sslmode=require'],
    ['postgresql://db/aether?user=a&password=pw&sslmode=verify-full', 'postgresql://db/aether?user=a&password=[redacted]&sslmode=verify-full'],
    ['connect to redis://user@host:1 failed', 'connect to redis://user@host:1 failed'],
    ['GET /socket.io/?EIO=4&token=abc.def.ghi&t=1', 'GET /socket.io/?EIO=4&token=[redacted]&t=1'],
    ['https://idp.example/jwks?api_key=k1', 'https://idp.example/jwks?api_key=[redacted]'],
    ['no url here', 'no url here'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('redacts every credential in a longer text', () => {
    const text = 'a redis://:x@h:1 and postgres://u:y@h/db';
    expect(redactText(text)).not.toMatch(/:x@|:y@/);
  });
});

describe('isSecretName', () => {
  it.each(['AUTH_TOKEN_SECRET', 'NPC_LLM_API_KEY', 'PGPASSWORD', 'JWT_PRIVATE_KEY'])('%s is secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });
  it.each(['REDIS_URL', 'DATABASE_URL', 'GATEWAY_PORT', 'AUTH_MODE'])('%s is not secret as a whole', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('REDACT_PATHS', () => {
  it('covers top-level and nested secret fields', () => {
    expect(REDACT_PATHS).toEqual(expect.arrayContaining(['password', '*.password', '*.*.token', 'req.headers.authorization', 'headers["set-cookie"]']));
  });
});
