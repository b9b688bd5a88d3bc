import { authenticate } from './authenticate.js';

describe('authenticate', () => {
  it.each([
    [{ token: 'dev:Alice' }, { ok: true, username: 'alice' }],
    [{ token: 'dev:bob_2' }, { ok: true, username: 'bob_2' }],
  ])('dev mode accepts %j', (auth, expected) => {
    expect(authenticate('dev', auth)).toEqual(expected);
  });

  it.each([undefined, null, {}, { token: '' }, { token: 42 }, { token: 'alice' }, { token: 'dev:' }, { token: 'dev:a b' }, { token: `dev:${'x'.repeat(33)}` }])(
    'dev mode refuses %j with a message',
    (auth) => {
      const result = authenticate('dev', auth);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message.length).toBeGreaterThan(0);
    },
  );

  it('refuses modes that are not available', () => {
    expect(authenticate('jwt', { token: 'dev:alice' })).toEqual({ ok: false, message: expect.stringContaining('jwt') });
  });
});
