import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadinessReport } from '@aether/shared/observability';
import { PROTOCOL_VERSION } from '@aether/shared/wire';

export interface ServerFacts {
  serverId: string;
  mode: 'embedded' | 'distributed';
  tickRate: number;
  startedAt: number;
  connected: () => number;
  /** The zones being simulated now (embedded: this process's; distributed: those with a live owner, from the registry). */
  zones: () => string[] | Promise<string[]>;
  /** Readiness: what the gateway depends on (bus, database). Unset: /ready answers as /health does. */
  ready?: () => Promise<ReadinessReport>;
  /** Which login the clients should show (AUTH_MODE). */
  auth: { mode: 'dev' | 'password' | 'jwt' };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

/**
 * `/health` (liveness: the process answers), `/ready` (readiness: 503 naming
 * each failing dependency) and `/api/info` (public; /metrics is on the ops
 * port, see ops.ts); answers false for any other path.
 */
export function apiRoutes(facts: ServerFacts, options: { readinessDetails?: boolean } = {}) {
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
      case '/ready': {
        const report: ReadinessReport = facts.ready ? await facts.ready() : { status: 'ready', checks: {} };
        // Why a check failed (a driver's message with internal addresses) only on the ops port; the public one says which.
        const checks = options.readinessDetails ? report.checks : withoutErrors(report.checks);
        sendJson(response, report.status === 'ready' ? 200 : 503, { status: report.status, checks, type: 'gateway', serverId: facts.serverId });
        return true;
      }
      case '/api/info':
        sendJson(response, 200, {
          name: 'Aether',
          serverId: facts.serverId,
          mode: facts.mode,
          tickRate: facts.tickRate,
          zones: await facts.zones(),
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

function withoutErrors(checks: ReadinessReport['checks']): ReadinessReport['checks'] {
  return Object.fromEntries(Object.entries(checks).map(([name, { ok, ms }]) => [name, { ok, ms }]));
}
