const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Character ids are uuids; a malformed one would be a PostgreSQL cast error, so lookups treat it as "no such row". */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
