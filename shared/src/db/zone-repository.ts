import type { ZoneRecord } from './records.js';

export interface ZoneRepository {
  /** Every zone with its neighbours, sorted by id. */
  listZones(): Promise<ZoneRecord[]>;
  /**
   * Raises the zone's owner epoch to `epoch` (docs/design.md §5). Answers the epoch
   * now stored: equal to `epoch` when this claim won, higher when a newer owner exists.
   */
  raiseOwnerEpoch(zoneId: string, epoch: number): Promise<number>;
  /**
   * A new owner's claim: raises the owner epoch to `epoch` only when it is
   * strictly above the stored one. `won` is false when the stored epoch is
   * equal or higher: an owner already wrote under it (after a Redis flush the
   * epoch counter may hand out a used value again), so `epoch` must not run.
   */
  claimOwnerEpoch(zoneId: string, epoch: number): Promise<{ won: boolean; ownerEpoch: number }>;
}
