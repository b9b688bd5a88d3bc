import { ConfigError } from '@aether/shared/config';
import { chatLimits, DEFAULT_CHAT_LIMITS } from './chat-limits.js';

describe('chatLimits', () => {
  it('defaults when unset', () => {
    expect(chatLimits({})).toEqual(DEFAULT_CHAT_LIMITS);
  });

  it('reads CHAT_MAX_LENGTH, CHAT_BURST and CHAT_LINES_PER_MINUTE', () => {
    expect(chatLimits({ CHAT_MAX_LENGTH: '120', CHAT_BURST: '2', CHAT_LINES_PER_MINUTE: '10' })).toEqual({ maxLength: 120, burst: 2, perMinute: 10 });
  });

  it.each([
    ['CHAT_MAX_LENGTH', { CHAT_MAX_LENGTH: '501' }],
    ['CHAT_MAX_LENGTH', { CHAT_MAX_LENGTH: 'long' }],
    ['CHAT_BURST', { CHAT_BURST: '0' }],
    ['CHAT_LINES_PER_MINUTE', { CHAT_LINES_PER_MINUTE: '1.5' }],
  ])('refuses a bad %s, naming it', (name, env) => {
    let error: unknown;
    try {
      chatLimits(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
  });
});
