import type { ResourceView, ZoneAssignmentSpec, ZoneClaim } from './types.js';

type Claimant = Pick<ZoneClaim, 'namespace' | 'name' | 'createdAt'>;

/** Creation time first; the same second (its resolution) falls back to `namespace/name`, so every replica agrees. */
function olderThan(a: Claimant, b: Claimant): boolean {
  const at = Date.parse(a.createdAt);
  const bt = Date.parse(b.createdAt);
  if (at !== bt) return at < bt;
  return `${a.namespace}/${a.name}` < `${b.namespace}/${b.name}`;
}

/**
 * Zone ids share one keyspace in Redis, so one ZoneAssignment owns each: the
 * oldest that names it. Returns the zones of `spec` an older resource names,
 * with that resource (`namespace/name`; the oldest if several).
 */
export function zoneConflicts(resource: ResourceView, spec: ZoneAssignmentSpec, rivals: readonly ZoneClaim[]): Map<string, string> {
  const mine = new Set(spec.zones.map((zone) => zone.id));
  const owners = new Map<string, ZoneClaim>();
  for (const rival of rivals) {
    if (rival.namespace === resource.namespace && rival.name === resource.name) continue;
    if (!olderThan(rival, resource)) continue;
    for (const zoneId of rival.zones) {
      const owner = owners.get(zoneId);
      if (mine.has(zoneId) && (!owner || olderThan(rival, owner))) owners.set(zoneId, rival);
    }
  }
  // In spec order, whatever order the cache lists rivals in: the condition message must not flap.
  const result = new Map<string, string>();
  for (const zone of spec.zones) {
    const owner = owners.get(zone.id);
    if (owner) result.set(zone.id, `${owner.namespace}/${owner.name}`);
  }
  return result;
}
