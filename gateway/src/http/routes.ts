import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROTOCOL_VERSION } from '@aether/shared/wire';

export interface ServerFacts {
  serverId: string;
  mode: 'embedded' | 'distributed';
  tickRate: number;
  startedAt: number;
  connected: () => number;
  zones: () => string[];
  /** Which login the clients should show (AUTH_MODE). */
  auth: { mode: 'dev' | 'password' | 'jwt' };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

/** `/health` and `/api/info` (public; /metrics is on the ops port, see ops.ts); answers false for any other path. */
export function apiRoutes(facts: ServerFacts) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    switch (path) {
      case '/health':
        sendJson(response, 200, {
          status: 'ok',
          type: 'gateway',
          serverId: facts.serverId,
          timestamp: new Date().toISOString(),
          uptime: Math.round((Date.now() - facts.startedAt) / 1000),
          connected: facts.connected(),
        });
        return true;
      case '/api/info':
        sendJson(response, 200, {
          name: 'Aether',
          serverId: facts.serverId,
          mode: facts.mode,
          tickRate: facts.tickRate,
          zones: facts.zones(),
          // The wire protocol the handshake requires (auth.protocol); another version is refused with outdated_client.
          protocol: { version: PROTOCOL_VERSION, transport: 'socket.io' },
          auth: { mode: facts.auth.mode },
        });
        return true;
      default:
        return false;
    }
  };
}
