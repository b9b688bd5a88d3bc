import { isForeignKeyViolation, isUniqueViolation, NameTakenError } from './errors.js';

describe('database errors', () => {
  it('recognises Prisma error codes by shape', () => {
    expect(isUniqueViolation({ code: 'P2002' })).toBe(true);
    expect(isUniqueViolation({ code: 'P2003' })).toBe(false);
    expect(isUniqueViolation(new Error('P2002'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isForeignKeyViolation({ code: 'P2003' })).toBe(true);
  });

  it('NameTakenError carries the name and the cause', () => {
    const cause = new Error('unique');
    const error = new NameTakenError('Aria', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('NameTakenError');
    expect(error.characterName).toBe('Aria');
    expect(error.cause).toBe(cause);
    expect(error.message).toMatch(/"Aria" is taken/);
  });
});
