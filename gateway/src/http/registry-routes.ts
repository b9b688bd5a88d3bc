import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from '@aether/shared';
import { sendJson } from './routes.js';
import { SingleFlightCache } from './single-flight-cache.js';

/** How long an answer is reused: the listings are for dashboards and `helm test`, never per-tick state. */
const REGISTRY_LISTING_TTL_MS = 1_500;

/**
 * `/api/zones` and `/api/servers` (ops port): what the registry says about
 * the world's zones and servers. Each answer is computed at most once per
 * REGISTRY_LISTING_TTL_MS however many ask (a listing reads the database,
 * the registry's index hashes and one key per zone and server; never a scan).
 */
export function registryRoutes(registry: Registry, zoneIds: () => Promise<string[]>, options: { ttlMs?: number; now?: () => number } = {}) {
  const ttlMs = options.ttlMs ?? REGISTRY_LISTING_TTL_MS;
  const now = options.now ?? Date.now;
  const servers = new SingleFlightCache(
    ttlMs,
    async () => {
      const beats = await registry.listHeartbeats();
      const at = now();
      return { servers: [...beats].map(([serverId, beat]) => ({ serverId, ...beat, ageMs: at - beat.ts })) };
    },
    now,
  );
  const zones = new SingleFlightCache(
    ttlMs,
    async () => {
      const [ids, assignments, beats] = await Promise.all([zoneIds(), registry.listAssignments(), registry.listHeartbeats()]);
      const listed = await Promise.all(
        ids.map(async (zoneId) => {
          const assignment = assignments.get(zoneId);
          const lease = await registry.getLease(zoneId);
          const owner = lease ? beats.get(lease.serverId) : undefined;
          return {
            zoneId,
            assignedTo: assignment?.serverId ?? null,
            epoch: assignment?.epoch ?? null,
            simulatedBy: lease?.serverId ?? null,
            ownerAlive: owner !== undefined,
          };
        }),
      );
      return { zones: listed };
    },
    now,
  );

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return false;
    if (path === '/api/servers') {
      sendJson(response, 200, await servers.get());
      return true;
    }
    if (path === '/api/zones') {
      sendJson(response, 200, await zones.get());
      return true;
    }
    return false;
  };
}
