import type { Layout } from './options.js';

/** One zone server of a layout: its id and the zones it owns (ASSIGNED_ZONES). */
interface ZoneServerPlan {
  serverId: string;
  zones: string[];
}

/** Where everyone goes: zone servers with their zones, and each bot's zone. */
export interface WorldPlan {
  zoneServers: ZoneServerPlan[];
  gatewayIds: string[];
  /** Zone of bot k of the crowd plan. */
  zoneOfBot: string[];
}

/**
 * Zones `cap-1…cap-N`, `zonesPerServer` for each zone server in order, and the
 * bots in contiguous blocks over them. The bots process hands bot k to gateway
 * k mod G, so every zone has players on every gateway, as a load balancer
 * that knows nothing of zones makes it.
 */
export function planWorld(layout: Layout, zonesPerServer: number, players: number): WorldPlan {
  const zoneServers = Array.from({ length: layout.zoneServers }, (_, server) => ({
    serverId: `cap-zone-${server + 1}`,
    zones: Array.from({ length: zonesPerServer }, (_, zone) => `cap-${server * zonesPerServer + zone + 1}`),
  }));
  const zones = zoneServers.flatMap((server) => server.zones);
  return {
    zoneServers,
    gatewayIds: Array.from({ length: layout.gateways }, (_, gateway) => `cap-gw-${gateway + 1}`),
    zoneOfBot: Array.from({ length: players }, (_, bot) => zones[Math.floor((bot * zones.length) / players)]!),
  };
}
