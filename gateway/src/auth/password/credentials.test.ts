import { LoginRequest, RegisterRequest } from './credentials.js';

describe('RegisterRequest', () => {
  it('case-folds the username and keeps the password as typed', () => {
    expect(RegisterRequest.parse({ username: ' Alice_01 ', password: 'Correct Horse' })).toEqual({ username: 'alice_01', password: 'Correct Horse' });
  });

  it.each([
    [{ username: 'al', password: 'long enough pw' }, /3 to 32/],
    [{ username: 'a'.repeat(33), password: 'long enough pw' }, /3 to 32/],
    [{ username: 'alice!', password: 'long enough pw' }, /3 to 32/],
    [{ username: 'alice', password: 'short' }, /at least 10/],
    [{ username: 'alice', password: 'x'.repeat(257) }, /at most 256/],
    [{ username: 'alice', password: 42 }, /password must be a string/],
    [{ username: 'alice', password: 'long enough pw', admin: true }, /admin/],
  ])('refuses %j', (body, message) => {
    const result = RegisterRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });

  it('counts characters, not UTF-16 units: ten emoji are a ten-character password', () => {
    expect(RegisterRequest.safeParse({ username: 'emoji', password: '🔑'.repeat(10) }).success).toBe(true);
    expect(RegisterRequest.safeParse({ username: 'emoji', password: '🔑'.repeat(9) }).success).toBe(false);
  });
});

describe('LoginRequest', () => {
  it('accepts any strings of sane size, so a malformed name is just a wrong login', () => {
    expect(LoginRequest.parse({ username: 'X!', password: 'a' })).toEqual({ username: 'x!', password: 'a' });
    expect(LoginRequest.safeParse({ username: 'x'.repeat(65), password: 'a' }).success).toBe(false);
  });
});
