import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { MessageBus } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import type { Registry } from 'prom-client';
import { Server as SocketServer, type Socket } from 'socket.io';
import { authenticate, type AuthMode } from './auth/authenticate.js';
import { apiRoutes, sendJson, type ServerFacts } from './http/routes.js';
import { staticFiles } from './http/static-files.js';
import { GatewayMetrics } from './metrics.js';
import type { AccountStore, CharacterDirectory } from './ports.js';
import { ConnectedPlayers } from './socket/connected-players.js';
import { OutputRouter } from './socket/output-router.js';
import { PlayerSession } from './socket/player-session.js';
import { RateLimiter } from './socket/rate-limiter.js';

export interface GatewayOptions {
  gatewayId: string;
  port: number;
  host?: string;
  authMode: AuthMode;
  bus: MessageBus;
  accounts: AccountStore;
  characters: CharacterDirectory;
  registry: Registry;
  logger: Logger;
  facts: Omit<ServerFacts, 'connected' | 'serverId' | 'startedAt'>;
  publicDir?: string;
  /** Messages per second per connection, and the burst allowed. */
  rateLimit?: { perSecond: number; burst: number; abuseThreshold: number };
}

export const DEFAULT_PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

/** HTTP (static web client, health, info, metrics) and Socket.IO on one port. */
export class GatewayServer {
  private readonly http: HttpServer;
  private readonly io: SocketServer;
  private readonly players = new ConnectedPlayers<Socket>();
  private readonly metrics: GatewayMetrics;
  private readonly router: OutputRouter;

  constructor(private readonly options: GatewayOptions) {
    this.metrics = new GatewayMetrics(options.registry);
    this.router = new OutputRouter(options.gatewayId, options.bus, this.players, this.metrics, options.logger);
    const routes = apiRoutes(
      { ...options.facts, serverId: options.gatewayId, startedAt: Date.now(), connected: () => this.io.engine.clientsCount },
      options.registry,
    );
    const files = staticFiles(options.publicDir ?? DEFAULT_PUBLIC_DIR);
    this.http = createServer((request, response) => void this.serve(request, response, routes, files));
    this.io = new SocketServer(this.http, { maxHttpBufferSize: 64 * 1024, serveClient: true });
    this.io.use((socket, next) => {
      const result = authenticate(options.authMode, socket.handshake.auth);
      if (!result.ok) return next(Object.assign(new Error(result.message), { data: { code: 'unauthorized' } }));
      socket.data.username = result.username;
      next();
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  async start(): Promise<void> {
    await this.router.start();
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.options.logger.info({ port: this.port }, 'gateway listening');
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
    await this.router.stop();
  }

  private onConnection(socket: Socket): void {
    const { rateLimit = { perSecond: 30, burst: 60, abuseThreshold: 200 } } = this.options;
    this.metrics.connections.inc();
    socket.on('disconnect', () => this.metrics.connections.dec());
    new PlayerSession(socket, String(socket.data.username), {
      gatewayId: this.options.gatewayId,
      bus: this.options.bus,
      accounts: this.options.accounts,
      characters: this.options.characters,
      players: this.players,
      metrics: this.metrics,
      logger: this.options.logger,
      limiter: new RateLimiter(rateLimit.perSecond, rateLimit.burst, rateLimit.abuseThreshold),
    }).attach();
  }

  private async serve(
    request: IncomingMessage,
    response: ServerResponse,
    ...handlers: Array<(request: IncomingMessage, response: ServerResponse) => Promise<boolean>>
  ): Promise<void> {
    try {
      for (const handler of handlers) if (await handler(request, response)) return;
      sendJson(response, 404, { error: { code: 'not_found', message: `Nothing at ${request.url}` } });
    } catch (error) {
      this.options.logger.error({ err: error, url: request.url }, 'http request failed');
      if (!response.headersSent) sendJson(response, 500, { error: { code: 'internal', message: 'internal error' } });
      else response.destroy();
    }
  }
}
