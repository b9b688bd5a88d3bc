import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { ReadinessReport } from './readiness.js';

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

export interface OpsServerOptions {
  port: number;
  host?: string;
  registry: Registry;
  /** Liveness (`/health`, `/healthz`): answered 200 while `status` is 'ok', 503 otherwise (the kubelet restarts the pod). */
  health: () => Record<string, unknown>;
  /** Readiness (`/ready`, `/readyz`): 200 when every check passes, else 503 naming each; unset: no such path. */
  ready?: () => Promise<ReadinessReport & Record<string, unknown>>;
}

/** `/health`, `/ready` and `/metrics` for processes without a public HTTP port (zone servers, the operator). */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      options.registry
        .metrics()
        .then((text) => {
          response.writeHead(200, { 'content-type': options.registry.contentType });
          response.end(text);
        })
        .catch(() => {
          response.writeHead(500);
          response.end();
        });
      return;
    }
    if (path === '/health' || path === '/healthz') {
      const health = options.health();
      response.writeHead(health.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(health));
      return;
    }
    if (options.ready && (path === '/ready' || path === '/readyz')) {
      options.ready().then(
        (report) => {
          response.writeHead(report.status === 'ready' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          response.end(JSON.stringify(report));
        },
        () => {
          response.writeHead(503, { 'content-type': 'application/json' });
          response.end('{"status":"unready"}');
        },
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{"error":{"code":"not_found"}}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
