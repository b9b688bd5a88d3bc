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
import type { ZoneWaiters } from './session/zone-waiters.js';
import type { AuthenticatedAccount, Authenticator } from './auth/account.js';
import { metricsRoute, type OpsListen } from './http/ops.js';
import { apiRoutes, sendJson, type ServerFacts } from './http/routes.js';
import { staticFiles } from './http/static-files.js';
import { AccountBuckets } from './limits/account-buckets.js';
import { ConnectionLimiter } from './limits/connection-limiter.js';
import { LimitMetrics } from './limits/limit-metrics.js';
import { withDefaults, type GatewayLimits, type GatewayLimitsInput } from './limits/limits.js';
import { MessageLimiter } from './limits/message-limiter.js';
import { OutboundGuard } from './limits/outbound-guard.js';
import { GatewayMetrics } from './metrics.js';
import type { AccountStore, CharacterDirectory } from './ports.js';
import { ConnectedPlayers } from './socket/connected-players.js';
import { frameParser } from './socket/frame-parser.js';
import { OutputRouter } from './socket/output-router.js';
import { PlayerSession } from './socket/player-session.js';
import { SessionMetrics } from './socket/session-metrics.js';

type Route = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

export interface GatewayOptions {
  gatewayId: string;
  port: number;
  host?: string;
  /** Settles each handshake's account (gateway/src/auth: dev, password or jwt login). */
  authenticator: Authenticator;
  /** The client's address for per-IP limits (honours LIMIT_TRUSTED_PROXY_HOPS); default: the socket's peer address. */
  clientIp?: (request: IncomingMessage) => string;
  bus: MessageBus;
  accounts: AccountStore;
  characters: CharacterDirectory;
  registry: Registry;
  logger: Logger;
  facts: Omit<ServerFacts, 'connected' | 'serverId' | 'startedAt'>;
  publicDir?: string;
  /** Abuse limits (gateway/src/limits, LIMIT_* variables); unset ones keep their defaults. */
  limits?: GatewayLimitsInput;
  /**
   * The operators' port: /metrics, /health and `opsRoutes`, never on the
   * players' port. Unset: no ops listener (and no /metrics anywhere).
   */
  ops?: OpsListen;
  /** Routes for the ops port only (e.g. /api/zones and /api/servers from the registry). */
  opsRoutes?: Route[];
  /** Socket.IO adapter between gateways (the Redis adapter in distributed mode). */
  adapter?: ServerOptions['adapter'];
  /** Where a character is simulated now, from the registry (distributed mode). */
  locate?: (characterId: string) => Promise<string | undefined>;
  /** Selects into a zone nobody simulates are refused (zone_unavailable) and told when it runs (distributed mode); started and stopped with the server. */
  zoneWaiters?: ZoneWaiters;
  /** Extra HTTP routes on the players' port (public: anyone on the internet reaches them). */
  routes?: Route[];
}

const DEFAULT_PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
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

/**
 * The players' port: the web client, /health, /api/info and Socket.IO. The
 * operators' port (`ops`): /health, /metrics and the registry listings.
 */
export class GatewayServer {
  private readonly http: HttpServer;
  private readonly opsHttp: HttpServer | undefined;
  private readonly io: SocketServer;
  private readonly players_ = new ConnectedPlayers<Socket>();
  private readonly metrics: GatewayMetrics;
  private readonly sessionMetrics: SessionMetrics;
  private readonly limitMetrics: LimitMetrics;
  private readonly router: OutputRouter;
  private readonly resumeTokens: ResumeTokens;
  private readonly limits: GatewayLimits;
  private readonly accountBuckets: AccountBuckets;
  private readonly connectionLimiter: ConnectionLimiter;

  constructor(private readonly options: GatewayOptions) {
    this.limits = withDefaults(options.limits);
    this.metrics = new GatewayMetrics(options.registry);
    this.sessionMetrics = new SessionMetrics(options.registry);
    this.accountBuckets = new AccountBuckets(this.limits.account.perSecond, this.limits.account.burst, this.limits.account.idleMs);
    this.limitMetrics = new LimitMetrics(options.registry, () => this.accountBuckets.size);
    const guard = new OutboundGuard(this.limits.outboundBufferBytes, this.limitMetrics, options.logger);
    this.router = new OutputRouter(options.gatewayId, options.bus, this.players_, this.metrics, options.logger, guard, this.sessionMetrics);
    this.connectionLimiter = new ConnectionLimiter(
      this.limits.connectionsPerIp,
      this.limits.trustedProxyHops,
      this.limitMetrics,
      options.logger,
      options.clientIp,
    );
    const facts = { ...options.facts, serverId: options.gatewayId, startedAt: Date.now(), connected: () => this.io.engine.clientsCount };
    const routes = apiRoutes(facts);
    const files = staticFiles(options.publicDir ?? DEFAULT_PUBLIC_DIR);
    const wire = staticFiles(WIRE_DIR, '/wire/');
    this.http = createServer((request, response) => void this.serve(request, response, routes, ...(options.routes ?? []), wire, files));
    if (options.ops) {
      const metrics = metricsRoute(options.registry);
      // The ops port's /ready also says why each check failed.
      const opsApi = apiRoutes(facts, { readinessDetails: true });
      this.opsHttp = createServer((request, response) => void this.serve(request, response, opsApi, metrics, ...(options.opsRoutes ?? [])));
    }
    this.io = new SocketServer(this.http, {
      maxHttpBufferSize: 64 * 1024,
      serveClient: true,
      parser: frameParser,
      // New handshakes from an address past twice its connection limit are refused before any engine.io session exists.
      allowRequest: this.connectionLimiter.allowRequest,
      // An engine.io connection that never joins (no CONNECT, or refused) is closed after this, not Socket.IO's 45 s.
      connectTimeout: 10_000,
      ...(options.adapter ? { adapter: options.adapter } : {}),
    });
    this.io.engine.on('connection', this.connectionLimiter.onEngineConnection);
    this.resumeTokens = new ResumeTokens(options.bus);
    // Before authentication: a connection flood from one address costs no account lookups.
    this.io.use(this.connectionLimiter.middleware);
    this.io.use((socket, next) => {
      const protocol = (socket.handshake.auth as { protocol?: unknown } | undefined)?.protocol;
      if (protocol !== PROTOCOL_VERSION) {
        const spoken = typeof protocol === 'number' ? `protocol ${protocol}` : 'an older protocol';
        const message = `This client speaks ${spoken}; this server speaks protocol ${PROTOCOL_VERSION}. Reload the page or update the client.`;
        return next(Object.assign(new Error(message), { data: { code: 'outdated_client' } }));
      }
      const ip = options.clientIp ? options.clientIp(socket.request) : (socket.request.socket.remoteAddress ?? 'unknown');
      socket.data.clientIp = ip;
      options.authenticator.authenticate(socket.handshake.auth, { ip }).then(
        (verdict) => {
          if (!verdict.ok) return next(Object.assign(new Error(verdict.message), { data: { code: verdict.code } }));
          socket.data.account = verdict.account satisfies AuthenticatedAccount;
          next();
        },
        (error: unknown) => {
          options.logger.error({ err: error }, 'authenticating a handshake failed');
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

  /** The ops port as bound (undefined without `ops`). */
  get opsPort(): number | undefined {
    return this.opsHttp ? (this.opsHttp.address() as AddressInfo).port : undefined;
  }

  /** Revokes the account's resume token (logout: a logged-out client cannot resume on another gateway). */
  revokeSessions(accountId: string): Promise<void> {
    return this.resumeTokens.revokeAccount(accountId);
  }

  async start(): Promise<void> {
    await this.router.start();
    this.options.zoneWaiters?.start();
    await listen(this.http, this.options.port, this.options.host);
    if (this.opsHttp && this.options.ops) await listen(this.opsHttp, this.options.ops.port, this.options.ops.host);
    this.options.logger.info({ port: this.port, opsPort: this.opsPort }, 'gateway listening');
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
    if (this.opsHttp?.listening) await new Promise<void>((resolve) => this.opsHttp!.close(() => resolve()));
    this.options.zoneWaiters?.stop();
    await this.router.stop();
  }

  private onConnection(socket: Socket): void {
    this.metrics.connections.inc();
    socket.on('disconnect', () => this.metrics.connections.dec());
    const account = socket.data.account as AuthenticatedAccount;
    const session = new PlayerSession(socket, account, {
      gatewayId: this.options.gatewayId,
      bus: this.options.bus,
      accounts: this.options.accounts,
      characters: this.options.characters,
      players: this.players_,
      metrics: this.metrics,
      sessionMetrics: this.sessionMetrics,
      limitMetrics: this.limitMetrics,
      logger: this.options.logger,
      limiter: new MessageLimiter(account.id, this.accountBuckets, this.limits),
      limits: this.limits,
      sessions: {
        issueResumeToken: (accountId, characterId) => this.resumeTokens.issue(accountId, characterId),
        redeemResumeToken: (token, accountId) => this.resumeTokens.redeem(token, accountId),
        evictElsewhere: (characterId, keep) => this.evictElsewhere(characterId, keep),
      },
      ...(this.options.locate ? { locate: this.options.locate } : {}),
      ...(this.options.zoneWaiters ? { zones: this.options.zoneWaiters } : {}),
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
    // Counted for this gateway's own connections; one on another gateway is closed by the same broadcast.
    const local = this.io.sockets.adapter.rooms.get(room);
    const displaced = local ? local.size - (local.has(keep.id) ? 1 : 0) : 0;
    if (displaced > 0) this.sessionMetrics.displaced.inc(displaced);
    const others = this.io.in(room).except(keep.id);
    others.emit('error', { code: 'already_in_world', message: 'This character entered the world from another connection.' });
    others.disconnectSockets(true);
    await keep.join(room);
  }

  private async serve(request: IncomingMessage, response: ServerResponse, ...handlers: Route[]): Promise<void> {
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

function listen(server: HttpServer, port: number, host: string | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
