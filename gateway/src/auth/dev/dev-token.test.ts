import { parseDevToken } from './dev-token.js';

describe('parseDevToken', () => {
  it.each([
    ['dev:Alice', 'alice'],
    ['dev:bob_2', 'bob_2'],
    ['dev:a-b', 'a-b'],
  ])('accepts %j as %j', (token, username) => {
    expect(parseDevToken(token)).toEqual({ ok: true, username });
  });

  it.each(['alice', 'dev:', 'dev:a b', `dev:${'x'.repeat(33)}`, 'Dev:alice', 'eyJhbGciOiJIUzI1NiJ9.e30.x'])('refuses %j with a message', (token) => {
    const result = parseDevToken(token);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message.length).toBeGreaterThan(0);
  });
});
