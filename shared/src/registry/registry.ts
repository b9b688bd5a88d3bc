import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { MessageBus } from '../bus/message-bus.js';
import { Channels, Keys } from '../protocol/internal.js';
import { HEARTBEAT_TTL_MS, PlayerLocation, ServerHeartbeat, ZoneAssignmentRecord, ZoneLeaseRecord } from './records.js';

/** The global counter every epoch is drawn from, so epochs only ever grow, whichever zone they fence. */
export const EPOCH_COUNTER_KEY = 'zone:epoch';

/** A family of records listed through an index hash rather than a keyspace scan. */
interface IndexedFamily {
  /** The hash: id → write token. */
  index: string;
  /** The record key of an id; `key('')` is the prefix the one-time backfill scans. */
  key: (id: string) => string;
}

const ASSIGNMENTS: IndexedFamily = { index: Keys.zoneAssignmentIndex, key: Keys.zoneAssignment };
const HEARTBEATS: IndexedFamily = { index: Keys.serverHeartbeatIndex, key: Keys.serverHeartbeat };

/**
 * Typed access to the registry keys of docs/design.md §4 on top of a MessageBus.
 * Every value read is parsed; a malformed one is treated as absent (and
 * reported) rather than trusted.
 *
 * Assignments and heartbeats are listed every second or two by every process,
 * so listing never scans the keyspace: each record's id is also a field of an
 * index hash, written after the record (and removed after it), with a fresh
 * random token as its value. A heartbeat that expired leaves its field
 * behind; readers skip fields whose record is gone and remove them only
 * while they still hold the token seen, so a record re-written meanwhile
 * (which wrote a new token) keeps its entry. Record and index are separate
 * single-key commands, never one script, so each may live on its own Redis
 * Cluster slot.
 */
export class Registry {
  /** Indexes already checked for records an older version wrote without an index entry. */
  private readonly backfilled = new Set<string>();

  constructor(
    private readonly bus: MessageBus,
    private readonly onMalformed: (key: string, error: unknown) => void = () => {},
  ) {}

  // ── assignments ─────────────────────────────────────────────────────────
  getAssignment(zoneId: string): Promise<ZoneAssignmentRecord | null> {
    return this.read(Keys.zoneAssignment(zoneId), ZoneAssignmentRecord);
  }

  async setAssignment(zoneId: string, record: ZoneAssignmentRecord): Promise<void> {
    await this.bus.set(Keys.zoneAssignment(zoneId), JSON.stringify(ZoneAssignmentRecord.parse(record)));
    await this.index(ASSIGNMENTS, zoneId);
  }

  async deleteAssignment(zoneId: string): Promise<void> {
    await this.bus.del(Keys.zoneAssignment(zoneId));
    await this.bus.hashDelete(ASSIGNMENTS.index, zoneId);
  }

  /** One index read plus one GET per zone, whatever else Redis holds. */
  listAssignments(): Promise<Map<string, ZoneAssignmentRecord>> {
    return this.readIndexed(ASSIGNMENTS, ZoneAssignmentRecord);
  }

  /** Tells every process that assignments changed; they re-read the keys (level-triggered). */
  async announceAssignments(zoneIds: string[]): Promise<void> {
    await this.bus.publish(Channels.assignments, 'zone.assignments_changed', { zoneIds });
  }

  nextEpoch(): Promise<number> {
    return this.bus.incr(EPOCH_COUNTER_KEY);
  }

  /** After a Redis flush the counter restarts; the database remembers the last epoch, so skip past it. */
  async ensureEpochAbove(floor: number): Promise<number> {
    let epoch = await this.nextEpoch();
    while (epoch <= floor) epoch = await this.bus.incr(EPOCH_COUNTER_KEY, floor - epoch + 1);
    return epoch;
  }

  // ── leases ──────────────────────────────────────────────────────────────
  getLease(zoneId: string): Promise<ZoneLeaseRecord | null> {
    return this.read(Keys.zoneLease(zoneId), ZoneLeaseRecord);
  }

  /** SET NX PX: true when this server now holds the lease. */
  acquireLease(zoneId: string, lease: ZoneLeaseRecord, ttlMs: number): Promise<boolean> {
    return this.bus.set(Keys.zoneLease(zoneId), leaseText(lease), { ttlMs, onlyIfAbsent: true });
  }

  /** Extends the lease only if it is still exactly ours. */
  renewLease(zoneId: string, lease: ZoneLeaseRecord, ttlMs: number): Promise<boolean> {
    const text = leaseText(lease);
    return this.bus.setIfEqual(Keys.zoneLease(zoneId), text, text, ttlMs);
  }

  /** Replaces a specific lease (e.g. one this server left before a restart) with a new one, atomically. */
  renewLeaseFrom(zoneId: string, from: ZoneLeaseRecord, to: ZoneLeaseRecord, ttlMs: number): Promise<boolean> {
    return this.bus.setIfEqual(Keys.zoneLease(zoneId), leaseText(from), leaseText(to), ttlMs);
  }

  releaseLease(zoneId: string, lease: ZoneLeaseRecord): Promise<boolean> {
    return this.bus.deleteIfEqual(Keys.zoneLease(zoneId), leaseText(lease));
  }

  // ── heartbeats ──────────────────────────────────────────────────────────
  async heartbeat(serverId: string, beat: ServerHeartbeat): Promise<void> {
    await this.bus.set(Keys.serverHeartbeat(serverId), JSON.stringify(ServerHeartbeat.parse(beat)), { ttlMs: HEARTBEAT_TTL_MS });
    // Every beat re-writes the entry, so one lost to a crash between the two writes comes back 5 s later.
    await this.index(HEARTBEATS, serverId);
  }

  async removeHeartbeat(serverId: string): Promise<void> {
    await this.bus.del(Keys.serverHeartbeat(serverId));
    await this.bus.hashDelete(HEARTBEATS.index, serverId);
  }

  getHeartbeat(serverId: string): Promise<ServerHeartbeat | null> {
    return this.read(Keys.serverHeartbeat(serverId), ServerHeartbeat);
  }

  /** One index read plus one GET per server, whatever else Redis holds; expired heartbeats are absent. */
  listHeartbeats(): Promise<Map<string, ServerHeartbeat>> {
    return this.readIndexed(HEARTBEATS, ServerHeartbeat);
  }

  // ── player locations ────────────────────────────────────────────────────
  getLocation(characterId: string): Promise<PlayerLocation | null> {
    return this.read(Keys.playerLocation(characterId), PlayerLocation);
  }

  async setLocation(characterId: string, location: PlayerLocation): Promise<void> {
    await this.bus.set(Keys.playerLocation(characterId), JSON.stringify(PlayerLocation.parse(location)));
  }

  /** Removes the location only if it still says what this process wrote. */
  async clearLocation(characterId: string, location: PlayerLocation): Promise<void> {
    await this.bus.deleteIfEqual(Keys.playerLocation(characterId), JSON.stringify(location));
  }

  private async read<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | null> {
    const text = await this.bus.get(key);
    return text === null ? null : this.parse(key, text, schema);
  }

  private async index(family: IndexedFamily, id: string): Promise<void> {
    await this.bus.hashSet(family.index, id, `${Date.now()}:${randomBytes(6).toString('hex')}`);
  }

  private async readIndexed<S extends z.ZodType>(family: IndexedFamily, schema: S): Promise<Map<string, z.infer<S>>> {
    let entries = await this.bus.hashGetAll(family.index);
    if (entries.size > 0) this.backfilled.add(family.index);
    else if (!this.backfilled.has(family.index)) entries = await this.backfill(family);
    const ids = [...entries.keys()].sort();
    // Sent back to back on one connection: one round trip's wait, not one per record.
    const texts = await Promise.all(ids.map((id) => this.bus.get(family.key(id))));
    const result = new Map<string, z.infer<S>>();
    const stale: Array<Promise<unknown>> = [];
    ids.forEach((id, i) => {
      const text = texts[i];
      if (text === null || text === undefined) {
        // Only while it still holds the token read above: a record re-written since has a new one.
        stale.push(this.bus.hashDeleteIfEqual(family.index, id, entries.get(id)!).catch(() => false));
        return;
      }
      const value = this.parse(family.key(id), text, schema);
      if (value !== null) result.set(id, value);
    });
    await Promise.all(stale);
    return result;
  }

  /**
   * When the first listing of this process finds an index empty, scans once
   * for records written by a version that kept no index (an upgrade), and
   * indexes them. An empty index is the only sign of that; once this process
   * has seen the index in use, or scanned once, its listings never scan again.
   */
  private async backfill(family: IndexedFamily): Promise<Map<string, string>> {
    const prefix = family.key('');
    const found = await this.bus.keys(prefix);
    await Promise.all(found.map((key) => this.index(family, key.slice(prefix.length))));
    this.backfilled.add(family.index);
    return this.bus.hashGetAll(family.index);
  }

  private parse<S extends z.ZodType>(key: string, text: string, schema: S): z.infer<S> | null {
    try {
      return schema.parse(JSON.parse(text));
    } catch (error) {
      this.onMalformed(key, error);
      return null;
    }
  }
}

// Field order is fixed so the compare-and-set comparisons match byte for byte.
function leaseText(lease: ZoneLeaseRecord): string {
  return JSON.stringify({ serverId: lease.serverId, epoch: lease.epoch });
}
