import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from '@aether/shared';
import { sendJson } from './routes.js';

/** `/api/zones` and `/api/servers`: what the registry says about the world's zones and servers. */
export function registryRoutes(registry: Registry, zoneIds: () => Promise<string[]>) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return false;
    if (path === '/api/servers') {
      const beats = await registry.listHeartbeats();
      sendJson(response, 200, {
        servers: [...beats].map(([serverId, beat]) => ({ serverId, ...beat, ageMs: Date.now() - beat.ts })),
      });
      return true;
    }
    if (path === '/api/zones') {
      const [ids, assignments, beats] = await Promise.all([zoneIds(), registry.listAssignments(), registry.listHeartbeats()]);
      const zones = await Promise.all(
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
      sendJson(response, 200, { zones });
      return true;
    }
    return false;
  };
}
