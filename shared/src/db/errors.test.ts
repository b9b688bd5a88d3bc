import { isForeignKeyViolation, isTransientDatabaseError, isUniqueViolation, NameTakenError, NotFoundError, StaleEpochError } from './errors.js';

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

  it('tells a transient database error (retry later) from one a retry cannot fix, through wrapping causes', () => {
    const wrap = (cause: unknown) => new Error('could not apply change', { cause });
    expect(isTransientDatabaseError(wrap(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })))).toBe(true);
    expect(isTransientDatabaseError(wrap({ code: '40001', message: 'could not serialize access' }))).toBe(true);
    expect(isTransientDatabaseError(wrap({ code: '08006' }))).toBe(true);
    expect(isTransientDatabaseError(wrap({ code: 'P1001' }))).toBe(true);
    expect(isTransientDatabaseError(wrap(new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isTransientDatabaseError(wrap(new AggregateError([{ code: 'ECONNREFUSED' }])))).toBe(true);
    expect(isTransientDatabaseError(wrap({ code: '23503', message: 'foreign key violation' }))).toBe(false);
    expect(isTransientDatabaseError(new StaleEpochError('zone-forest', 1, 2))).toBe(false);
    expect(isTransientDatabaseError(new NotFoundError('character', 'x'))).toBe(false);
    expect(isTransientDatabaseError(null)).toBe(false);
  });
});
