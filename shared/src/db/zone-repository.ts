import type { ZoneRecord } from './records.js';

export interface ZoneRepository {
  /** Every zone with its neighbours, sorted by id. */
  listZones(): Promise<ZoneRecord[]>;
  /**
   * Raises the zone's owner epoch to `epoch` (docs/design.md §5). Answers the epoch
   * now stored: equal to `epoch` when this claim won, higher when a newer owner exists.
   */
  raiseOwnerEpoch(zoneId: string, epoch: number): Promise<number>;
}
