/** Another character already has this name, compared case-insensitively. */
export class NameTakenError extends Error {
  override readonly name = 'NameTakenError';

  constructor(
    readonly characterName: string,
    options?: ErrorOptions,
  ) {
    super(`the character name "${characterName}" is taken`, options);
  }
}

/** A write carried an epoch older than the zone's current owner's: this process no longer owns the zone. */
export class StaleEpochError extends Error {
  override readonly name = 'StaleEpochError';

  constructor(
    readonly zoneId: string,
    readonly epoch: number,
    readonly currentEpoch: number,
    options?: ErrorOptions,
  ) {
    super(`zone "${zoneId}" is owned at epoch ${currentEpoch}; a write at epoch ${epoch} was refused`, options);
  }
}

/** A referenced row (account, zone, character) does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';

  constructor(
    readonly entity: string,
    readonly id: string,
    options?: ErrorOptions,
  ) {
    super(`${entity} "${id}" does not exist`, options);
  }
}

/**
 * Prisma reports a unique-constraint violation as P2002. Checked by shape, not
 * instanceof, because the error class belongs to whichever copy of the runtime
 * the generated client loaded.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** P2003: a foreign key points at a missing row. */
export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2003';
}

/** Socket errors that mean "the server could not be reached or went away", not "the write is wrong". */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** Prisma: cannot reach, timed out, connection closed, pool timeout, no connection for a transaction in time, write conflict or deadlock. */
const TRANSIENT_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2034']);
/**
 * PostgreSQL SQLSTATEs worth retrying: serialization failure, deadlock,
 * too many connections, shutdown / cannot connect now, and any connection
 * exception (class 08).
 */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '53300', '57P01', '57P02', '57P03']);
const TRANSIENT_MESSAGES =
  /connection terminated|connection refused|timeout exceeded when trying to connect|server closed the connection|Connection ended unexpectedly/i;

/**
 * True when a database error is expected to go away if the same write is
 * tried again later (connection refused or lost, timeout, serialization
 * failure). Follows the `cause` chain, since repositories wrap what the
 * driver threw.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; typeof current === 'object' && current !== null && !seen.has(current); ) {
    seen.add(current);
    if (current instanceof StaleEpochError || current instanceof NotFoundError || current instanceof RangeError) return false;
    const { code, message, cause, errors } = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') {
      if (TRANSIENT_NETWORK_CODES.has(code) || TRANSIENT_PRISMA_CODES.has(code) || TRANSIENT_SQLSTATES.has(code) || code.startsWith('08')) return true;
    }
    if (typeof message === 'string' && TRANSIENT_MESSAGES.test(message)) return true;
    // An AggregateError (a connect that tried IPv4 and IPv6) is transient if any part is.
    if (Array.isArray(errors) && errors.some((inner) => isTransientDatabaseError(inner))) return true;
    current = cause;
  }
  return false;
}
