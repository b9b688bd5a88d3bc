import { banRefusal } from './ban.js';

describe('banRefusal', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');

  it('refuses with code banned and says until when, and why', () => {
    expect(banRefusal({ bannedUntil: new Date('2026-12-10T00:00:00Z'), banReason: 'spam' }, now)).toEqual({
      ok: false,
      code: 'banned',
      message: 'This account is banned until 2026-12-10T00:00:00.000Z (spam).',
    });
    expect(banRefusal({ bannedUntil: new Date('9999-12-31T00:00:00Z'), banReason: null }, now)?.message).toBe('This account is banned permanently.');
  });

  it('lets through accounts never banned or whose ban is over', () => {
    expect(banRefusal({ bannedUntil: null, banReason: null }, now)).toBeUndefined();
    expect(banRefusal({ bannedUntil: new Date('2026-12-03T11:59:59Z'), banReason: 'old' }, now)).toBeUndefined();
  });
});
