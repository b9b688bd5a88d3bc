import type { ZoneRecord } from './records.js';

export interface ZoneRepository {
  /** Every zone with its neighbours, sorted by id. */
  listZones(): Promise<ZoneRecord[]>;
}
