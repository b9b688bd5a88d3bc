import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MessageBus } from '@aether/shared';
import { PROTOCOL_VERSION } from '@aether/shared/wire';
import type { Logger } from '@aether/shared/observability';
import type { Registry } from 'prom-client';
import { Server as SocketServer, type ServerOptions, type Socket } from 'socket.io';
import { ResumeTokens } from './session/resume-tokens.js';
import type { AuthenticatedAccount } from './auth/account.js';
import { authenticate, type AuthMode } from './auth/authenticate.js';
import { apiRoutes, sendJson, type ServerFacts } from './http/routes.js';
import { staticFiles } from './http/static-files.js';
import { GatewayMetrics } from './metrics.js';
import type { AccountStore, CharacterDirectory } from './ports.js';
import { ConnectedPlayers } from './socket/connected-players.js';
import { frameParser } from './socket/frame-parser.js';
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
  /** Socket.IO adapter between gateways (the Redis adapter in distributed mode). */
  adapter?: ServerOptions['adapter'];
  /** Where a character is simulated now, from the registry (distributed mode). */
  locate?: (characterId: string) => Promise<string | undefined>;
  /** Extra HTTP routes (e.g. /api/zones and /api/servers from the registry). */
  routes?: Array<(request: IncomingMessage, response: ServerResponse) => Promise<boolean>>;
}

export const DEFAULT_PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
/**
 * The wire module (frame reader, client parser) as built: the web client
 * imports it from /wire/. When the resolver lands on TypeScript sources (tests
 * that run the sources through a module mapper), the built files are in the
 * package's dist/ beside them.
 */
function wireDir(): string {
  const dir = dirname(createRequire(import.meta.url).resolve('@aether/shared/wire'));
  return existsSync(join(dir, 'index.js')) ? dir : join(dir, '..', '..', 'dist', 'wire');
}
const WIRE_DIR = wireDir();

/** HTTP (static web client, health, info, metrics) and Socket.IO on one port. */
export class GatewayServer {
  private readonly http: HttpServer;
  private readonly io: SocketServer;
  private readonly players_ = new ConnectedPlayers<Socket>();
  private readonly metrics: GatewayMetrics;
  private readonly router: OutputRouter;
  private readonly resumeTokens: ResumeTokens;

  constructor(private readonly options: GatewayOptions) {
    this.metrics = new GatewayMetrics(options.registry);
    this.router = new OutputRouter(options.gatewayId, options.bus, this.players_, this.metrics, options.logger);
    const routes = apiRoutes(
      { ...options.facts, serverId: options.gatewayId, startedAt: Date.now(), connected: () => this.io.engine.clientsCount },
      options.registry,
    );
    const files = staticFiles(options.publicDir ?? DEFAULT_PUBLIC_DIR);
    const wire = staticFiles(WIRE_DIR, '/wire/');
    this.http = createServer((request, response) => void this.serve(request, response, routes, ...(options.routes ?? []), wire, files));
    this.io = new SocketServer(this.http, {
      maxHttpBufferSize: 64 * 1024,
      serveClient: true,
      parser: frameParser,
      ...(options.adapter ? { adapter: options.adapter } : {}),
    });
    this.resumeTokens = new ResumeTokens(options.bus);
    this.io.use((socket, next) => {
      const protocol = (socket.handshake.auth as { protocol?: unknown } | undefined)?.protocol;
      if (protocol !== PROTOCOL_VERSION) {
        const spoken = typeof protocol === 'number' ? `protocol ${protocol}` : 'an older protocol';
        const message = `This client speaks ${spoken}; this server speaks protocol ${PROTOCOL_VERSION}. Reload the page or update the client.`;
        return next(Object.assign(new Error(message), { data: { code: 'outdated_client' } }));
      }
      const result = authenticate(options.authMode, socket.handshake.auth);
      if (!result.ok) return next(Object.assign(new Error(result.message), { data: { code: 'unauthorized' } }));
      options.accounts.findOrCreate(result.username).then(
        (account) => {
          socket.data.account = account satisfies AuthenticatedAccount;
          next();
        },
        (error: unknown) => {
          options.logger.error({ err: error }, 'looking up an account at the handshake failed');
          next(Object.assign(new Error('The server could not log you in; try again.'), { data: { code: 'internal' } }));
        },
      );
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  /** Players in the world through this gateway. */
  get players(): number {
    return this.players_.size;
  }

  /** Characters in the world here, by zone: re-sent to a zone whose owner changed. */
  charactersByZone(): Map<string, Array<{ characterId: string; sessionId: string }>> {
    return this.players_.byZone();
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
    const session = new PlayerSession(socket, socket.data.account as AuthenticatedAccount, {
      gatewayId: this.options.gatewayId,
      bus: this.options.bus,
      accounts: this.options.accounts,
      characters: this.options.characters,
      players: this.players_,
      metrics: this.metrics,
      logger: this.options.logger,
      limiter: new RateLimiter(rateLimit.perSecond, rateLimit.burst, rateLimit.abuseThreshold),
      sessions: {
        issueResumeToken: (username, characterId) => this.resumeTokens.issue(username, characterId),
        redeemResumeToken: (token, username) => this.resumeTokens.redeem(token, username),
        evictElsewhere: (characterId, keep) => this.evictElsewhere(characterId, keep),
      },
      ...(this.options.locate ? { locate: this.options.locate } : {}),
    });
    session.attach();
    const resume = (socket.handshake.auth as { resume?: unknown } | undefined)?.resume;
    if (typeof resume === 'string') {
      this.metrics.rejoins.inc({ reason: 'resume' });
      void session.resume(resume);
    }
  }

  /**
   * Closes every other connection that holds the character, on any gateway:
   * each socket joins a room per character, and with the Redis adapter a
   * room spans all gateways.
   */
  private async evictElsewhere(characterId: string, keep: Socket): Promise<void> {
    const room = `character:${characterId}`;
    const others = this.io.in(room).except(keep.id);
    others.emit('error', { code: 'already_in_world', message: 'This character entered the world from another connection.' });
    others.disconnectSockets(true);
    await keep.join(room);
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
