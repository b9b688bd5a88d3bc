import type { z } from 'zod';
import type { MessageBus } from '../bus/message-bus.js';
import { Channels, Keys } from '../protocol/internal.js';
import { HEARTBEAT_TTL_MS, PlayerLocation, ServerHeartbeat, ZoneAssignmentRecord, ZoneLeaseRecord } from './records.js';

/** The global counter every epoch is drawn from, so epochs only ever grow, whichever zone they fence. */
export const EPOCH_COUNTER_KEY = 'zone:epoch';

/**
 * Typed access to the registry keys of docs/design.md §4 on top of a MessageBus.
 * Every value read is parsed; a malformed one is treated as absent (and
 * reported) rather than trusted.
 */
export class Registry {
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
  }

  async deleteAssignment(zoneId: string): Promise<void> {
    await this.bus.del(Keys.zoneAssignment(zoneId));
  }

  async listAssignments(): Promise<Map<string, ZoneAssignmentRecord>> {
    const prefix = Keys.zoneAssignment('');
    return this.readAll(prefix, ZoneAssignmentRecord);
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
  }

  async removeHeartbeat(serverId: string): Promise<void> {
    await this.bus.del(Keys.serverHeartbeat(serverId));
  }

  getHeartbeat(serverId: string): Promise<ServerHeartbeat | null> {
    return this.read(Keys.serverHeartbeat(serverId), ServerHeartbeat);
  }

  listHeartbeats(): Promise<Map<string, ServerHeartbeat>> {
    return this.readAll(Keys.serverHeartbeat(''), ServerHeartbeat);
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

  private async readAll<S extends z.ZodType>(prefix: string, schema: S): Promise<Map<string, z.infer<S>>> {
    const result = new Map<string, z.infer<S>>();
    for (const key of (await this.bus.keys(prefix)).sort()) {
      const text = await this.bus.get(key);
      if (text === null) continue;
      const value = this.parse(key, text, schema);
      if (value !== null) result.set(key.slice(prefix.length), value);
    }
    return result;
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
