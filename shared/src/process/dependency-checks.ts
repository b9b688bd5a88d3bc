import type { MessageBus } from '../bus/message-bus.js';
import type { Database } from '../db/database.js';
import type { ReadinessCheck } from '../observability/readiness.js';
import { Keys } from '../protocol/internal.js';

/**
 * The bus answers: one GET round trip to Redis (of this process's own
 * heartbeat key, which exists or not; either answer proves Redis is there).
 * While Redis is away the command waits in the client's queue, so the
 * readiness timeout is what fails it.
 */
export function busCheck(bus: Pick<MessageBus, 'get'>, serverId: string): ReadinessCheck {
  return { name: 'bus', probe: () => bus.get(Keys.serverHeartbeat(serverId)) };
}

/** The database answers a `SELECT 1` (a pooled connection, or a new one when the pool has none). */
export function databaseCheck(database: Pick<Database, 'client'>): ReadinessCheck {
  return { name: 'database', probe: () => database.client.$queryRaw`SELECT 1` };
}
