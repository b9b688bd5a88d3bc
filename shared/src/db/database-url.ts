/**
 * The same server (credentials, host, options) but another database: how test
 * databases, shadow databases and the maintenance connection are addressed.
 */
export function withDatabase(url: string, database: string): string {
  const parsed = parsePostgresUrl(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database a URL points at; PostgreSQL defaults it to the user name, so do we. */
export function databaseNameOf(url: string): string {
  const parsed = parsePostgresUrl(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return name || decodeURIComponent(parsed.username) || 'postgres';
}

function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new Error('not a valid PostgreSQL URL (expected postgresql://user:password@host:port/database)', {
      cause: error,
    });
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new Error(`not a PostgreSQL URL: scheme is "${parsed.protocol}", expected "postgresql:"`);
  }
  return parsed;
}
