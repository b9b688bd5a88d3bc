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
