import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseEnv } from '@aether/shared/config';
import type { Registry } from 'prom-client';
import { z } from 'zod';

/** Where the ops port listens. */
export interface OpsListen {
  port: number;
  /** Unset: every interface (in a pod, so the ServiceMonitor and probes reach it). */
  host?: string;
}

/** The gateway's ops port, as the zone servers' (Prometheus' registered exporter port). */
export const DEFAULT_OPS_PORT = 9464;

export const OpsEnv = z.object({
  METRICS_PORT: z.coerce.number().int('must be a whole number').min(0).max(65535).default(DEFAULT_OPS_PORT),
  /** Bind the ops port to this address only (e.g. 127.0.0.1 on a host without a firewall). */
  METRICS_HOST: z.string().min(1).optional(),
});

/** METRICS_PORT / METRICS_HOST from the environment, for GatewayOptions.ops. */
export function opsListenFrom(env: NodeJS.ProcessEnv): OpsListen {
  const parsed = parseEnv(OpsEnv, env);
  return { port: parsed.METRICS_PORT, ...(parsed.METRICS_HOST ? { host: parsed.METRICS_HOST } : {}) };
}

/** `/metrics` (Prometheus text format) from the process's registry. */
export function metricsRoute(registry: Registry) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = (request.url ?? '/').split('?')[0];
    if ((request.method !== 'GET' && request.method !== 'HEAD') || path !== '/metrics') return false;
    const text = await registry.metrics();
    response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    response.end(text);
    return true;
  };
}
