import { databaseNameOf, withDatabase } from './database-url.js';

describe('withDatabase', () => {
  it('replaces only the database and keeps credentials and options', () => {
    expect(withDatabase('postgresql://u:p%40ss@127.0.0.1:5433/app?sslmode=disable', 'other')).toBe(
      'postgresql://u:p%40ss@127.0.0.1:5433/other?sslmode=disable',
    );
  });

  it('adds a database to a URL that has none', () => {
    expect(withDatabase('postgresql://postgres@localhost:5432', 'aether')).toBe('postgresql://postgres@localhost:5432/aether');
  });

  it('rejects URLs that are not PostgreSQL', () => {
    expect(() => withDatabase('redis://localhost:6379', 'x')).toThrow(/not a PostgreSQL URL/);
    expect(() => withDatabase('nonsense', 'x')).toThrow(/not a valid PostgreSQL URL/);
  });
});

describe('databaseNameOf', () => {
  it('reads the path, falling back to the user name like libpq', () => {
    expect(databaseNameOf('postgresql://u@h:1/game')).toBe('game');
    expect(databaseNameOf('postgres://alice@h:1')).toBe('alice');
    expect(databaseNameOf('postgresql://h:1/')).toBe('postgres');
  });
});
