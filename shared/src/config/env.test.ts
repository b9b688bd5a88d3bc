import { z } from 'zod';
import { CommonEnv, ConfigError, parseEnv } from './env.js';

describe('parseEnv(CommonEnv)', () => {
  it('fills the documented defaults', () => {
    expect(parseEnv(CommonEnv, {})).toMatchObject({
      GATEWAY_PORT: 3100,
      TICK_RATE: 20,
      ASSIGNED_ZONES: [],
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'info',
      DATA_DIR: '.data',
    });
  });

  it.each([
    ['ASSIGNED_ZONES', ' zone-a, zone-b ,,', ['zone-a', 'zone-b']],
    ['GATEWAY_PORT', '8080', 8080],
    ['TICK_RATE', '30', 30],
    ['REDIS_URL', 'redis://127.0.0.1:6380', 'redis://127.0.0.1:6380'],
    ['DATABASE_URL', 'postgresql://u:p@h:5/db', 'postgresql://u:p@h:5/db'],
  ])('reads %s=%j', (name, value, expected) => {
    expect(parseEnv(CommonEnv, { [name]: value })[name as keyof CommonEnv]).toEqual(expected);
  });

  it('treats empty values as unset', () => {
    expect(parseEnv(CommonEnv, { REDIS_URL: '', TICK_RATE: '' })).toMatchObject({ TICK_RATE: 20 });
  });

  it.each([
    ['TICK_RATE', 'fast'],
    ['TICK_RATE', '0'],
    ['TICK_RATE', '20.5'],
    ['GATEWAY_PORT', '70000'],
    ['AUTH_MODE', 'none'],
    ['REDIS_URL', 'localhost:6379'],
    ['DATABASE_URL', 'mysql://x'],
    ['ASSIGNED_ZONES', 'Zone_A'],
    ['LOG_LEVEL', 'loud'],
    ['SERVER_ID', 'has space'],
  ])('rejects %s=%j with a message naming the variable', (name, value) => {
    let error: unknown;
    try {
      parseEnv(CommonEnv, { [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(1);
  });

  it('never echoes a secret in its message: URL passwords are redacted, secret variables only have their length told', () => {
    const schema = CommonEnv.extend({ AUTH_TOKEN_SECRET: z.string().min(32) });
    let message = '';
    try {
      parseEnv(schema, { DATABASE_URL: 'mysql://aether:hunter2@db/x', AUTH_TOKEN_SECRET: 'short-s3cret' });
    } catch (caught) {
      message = (caught as ConfigError).message;
    }
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('AUTH_TOKEN_SECRET');
    expect(message).toContain('mysql://aether:[redacted]@db/x');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('short-s3cret');
  });
});
