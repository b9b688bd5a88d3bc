import { z } from 'zod';

/** `zone:assignment:{zoneId}` (docs/design.md §4): who should simulate the zone, at which epoch. */
export const ZoneAssignmentRecord = z.object({
  serverId: z.string().min(1),
  epoch: z.number().int().nonnegative(),
  assignedAt: z.number(),
});
export type ZoneAssignmentRecord = z.infer<typeof ZoneAssignmentRecord>;

/** `zone:lease:{zoneId}`: who simulates the zone right now. */
export const ZoneLeaseRecord = z.object({ serverId: z.string().min(1), epoch: z.number().int().nonnegative() });
export type ZoneLeaseRecord = z.infer<typeof ZoneLeaseRecord>;

/** `player:location:{characterId}`. */
export const PlayerLocation = z.object({ zoneId: z.string(), serverId: z.string(), gatewayId: z.string() });
export type PlayerLocation = z.infer<typeof PlayerLocation>;

export const ServerType = z.enum(['zone', 'gateway', 'operator']);
export type ServerType = z.infer<typeof ServerType>;

/** `server:heartbeat:{serverId}`, TTL 15 s, refreshed every 5 s. */
export const ServerHeartbeat = z.object({
  type: ServerType,
  zones: z.array(z.string()),
  players: z.number().int().nonnegative(),
  tickP99Ms: z.number().nonnegative(),
  ts: z.number(),
  /** Set while the server hands its zones away before stopping. */
  draining: z.boolean().optional(),
});
export type ServerHeartbeat = z.infer<typeof ServerHeartbeat>;

export const HEARTBEAT_TTL_MS = 15_000;
export const HEARTBEAT_INTERVAL_MS = 5_000;
