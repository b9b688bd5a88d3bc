import type { ZoneAssignmentRecord } from '@aether/shared';

export interface OwnedZone {
  epoch: number;
}

export type OwnershipAction = { kind: 'claim'; zoneId: string; epoch?: number } | { kind: 'release'; zoneId: string; epoch: number };

/**
 * Pure: which zones this server should try to claim or give up. Static mode
 * (ASSIGNED_ZONES) wants its configured zones, so a second server with the
 * same list is a standby that claims them when the owner's lease expires.
 * Assigned mode follows the operator's records, epoch included.
 */
export function ownershipActions(
  serverId: string,
  mode: { kind: 'static'; zones: readonly string[] } | { kind: 'assigned' },
  assignments: ReadonlyMap<string, ZoneAssignmentRecord>,
  owned: ReadonlyMap<string, OwnedZone>,
): OwnershipAction[] {
  const actions: OwnershipAction[] = [];
  if (mode.kind === 'static') {
    for (const zoneId of mode.zones) if (!owned.has(zoneId)) actions.push({ kind: 'claim', zoneId });
    return actions;
  }
  for (const [zoneId, record] of assignments) {
    if (record.serverId !== serverId) continue;
    const mine = owned.get(zoneId);
    if (!mine || mine.epoch < record.epoch) actions.push({ kind: 'claim', zoneId, epoch: record.epoch });
  }
  for (const [zoneId, mine] of owned) {
    const record = assignments.get(zoneId);
    // Moved elsewhere (or removed): hand it off. A missing record after a Redis flush is not a move.
    if (record && record.serverId !== serverId) actions.push({ kind: 'release', zoneId, epoch: mine.epoch });
  }
  return actions;
}
