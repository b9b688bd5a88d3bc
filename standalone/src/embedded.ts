import { hostname } from 'node:os';
import { InMemoryBroker, InMemoryBus } from '@aether/shared';
import {
  createDatabase,
  migrate,
  PrismaAccountRepository,
  PrismaCharacterRepository,
  PrismaRefreshTokenRepository,
  PrismaZoneRepository,
  seedAll,
} from '@aether/shared/db';
import { createLogger, createMetricsRegistry, Readiness, type Logger } from '@aether/shared/observability';
import { databaseCheck } from '@aether/shared/process';
import { createZoneHost, DatabaseZoneCatalog, type NpcLlmSettings } from '@aether/zone';
import type { LevelWithSilent } from 'pino';
import {
  createAuth,
  DatabaseAccountStore,
  DatabaseCharacterDirectory,
  GatewayServer,
  type AuthOptions,
  type GatewayLimitsInput,
  type OpsListen,
} from '@aether/gateway';

export interface EmbeddedOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  databaseUrl: string;
  tickRate?: number;
  serverId?: string;
  logLevel?: LevelWithSilent;
  logger?: Logger;
  checkpointIntervalMs?: number;
  /** The LLM behind NPCs; null for scripted lines only; unset: from NPC_LLM_* in the environment. */
  npcLlm?: NpcLlmSettings | null;
  /**
   * How players log in; default `{ mode: 'dev' }` (tests and tools log in as
   * `dev:<name>`). Whether dev login is allowed is the caller's decision:
   * main.ts allows it only with ALLOW_DEV_LOGIN=1.
   */
  auth?: AuthOptions;
  /** Abuse limits (LIMIT_*); unset ones keep their defaults. */
  limits?: GatewayLimitsInput;
  /** The ops port (/metrics, /health); unset: none. */
  ops?: OpsListen;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  /** The ops port (/metrics), when `ops` was given. */
  opsPort?: number;
  close(): Promise<void>;
}

/**
 * Gateway and every zone in one process, joined by the in-process bus, on a
 * migrated and seeded database. The same classes run in distributed mode;
 * only the bus and the process boundaries differ.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const serverId = options.serverId ?? `embedded-${hostname()}`;
  const logger = options.logger ?? createLogger({ level: options.logLevel ?? 'info', base: { serverId, service: 'embedded' } });
  const tickRate = options.tickRate ?? 20;

  const { applied } = await migrate(options.databaseUrl, { log: (line) => logger.debug(line) });
  if (applied.length > 0) logger.info({ applied }, 'database migrations applied');
  const database = createDatabase(options.databaseUrl, { onPoolError: (error) => logger.warn({ err: error }, 'database connection lost') });
  const cleanups: Array<() => Promise<unknown>> = [() => database.close()];
  try {
    await seedAll(database);
    const characters = new PrismaCharacterRepository(database.client);
    const zones = await new DatabaseZoneCatalog(new PrismaZoneRepository(database.client)).listZones();

    const registry = createMetricsRegistry();
    const broker = new InMemoryBroker();
    const onInvalid = (error: Error, channel: string) => logger.error({ err: error, channel }, 'dropped an invalid bus message');
    const onHandlerError = (error: unknown, channel: string) => logger.error({ err: error, channel }, 'bus handler failed');
    // One process, no boundary to guard: messages go by reference (the contract suite keeps both deliveries honest).
    const delivery = 'by-reference';
    const zoneBus = new InMemoryBus({ source: `${serverId}/zone`, onInvalid, onHandlerError, delivery }, broker);
    const gatewayBus = new InMemoryBus({ source: `${serverId}/gateway`, onInvalid, onHandlerError, delivery }, broker);
    cleanups.unshift(
      () => zoneBus.close(),
      () => gatewayBus.close(),
    );

    // Game systems (combat, wildlife, NPCs, parties, chat) are wired in createZoneHost, shared with zone servers.
    const host = await createZoneHost({
      serverId,
      zones,
      database,
      bus: zoneBus,
      metrics: registry,
      logger: logger.child({ role: 'zone' }),
      tickRate,
      checkpointIntervalMs: options.checkpointIntervalMs ?? 5000,
      ...(options.npcLlm !== undefined ? { npcLlm: options.npcLlm } : {}),
    });
    await host.start();
    cleanups.unshift(() => host.stop());

    const accounts = new PrismaAccountRepository(database.client);
    // Bound once the server exists: the auth routes are made first, and only run after start().
    let revokeSessions: (accountId: string) => Promise<void> = async () => {};
    const auth = createAuth(options.auth ?? { mode: 'dev' }, {
      accounts,
      refreshTokens: new PrismaRefreshTokenRepository(database.client),
      registry,
      logger: logger.child({ role: 'gateway' }),
      // Logging out also revokes the account's resume token.
      onLogout: (accountId) => revokeSessions(accountId),
    });
    // /ready: the database answers and the zones tick (the bus is in-process: nothing to ask).
    const readiness = new Readiness([
      databaseCheck(database),
      {
        name: 'tick',
        probe: () => {
          const since = host.msSinceTick;
          if (since === undefined || since > 5_000)
            throw new Error(since === undefined ? 'the tick loop has not started' : `no tick for ${Math.round(since)} ms`);
        },
      },
    ]);
    const gateway = new GatewayServer({
      gatewayId: serverId,
      port: options.port ?? 3100,
      ...(options.host ? { host: options.host } : {}),
      authenticator: auth.authenticator,
      clientIp: auth.clientIp,
      bus: gatewayBus,
      accounts: new DatabaseAccountStore(accounts),
      characters: new DatabaseCharacterDirectory(characters),
      registry,
      logger: logger.child({ role: 'gateway' }),
      facts: { mode: 'embedded', tickRate, zones: () => host.zoneIds, ready: () => readiness.report(), auth: { mode: auth.mode } },
      routes: [auth.routes],
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.ops ? { ops: options.ops } : {}),
    });
    revokeSessions = (accountId) => gateway.revokeSessions(accountId);
    await gateway.start();
    // Clients go first so their leaves reach the zones, which then save everyone.
    cleanups.unshift(() => gateway.stop());

    return {
      url: `http://127.0.0.1:${gateway.port}`,
      port: gateway.port,
      ...(gateway.opsPort !== undefined ? { opsPort: gateway.opsPort } : {}),
      close: () => runInOrder(cleanups, logger),
    };
  } catch (error) {
    await runInOrder(cleanups, logger);
    throw new Error('could not start the embedded server', { cause: error });
  }
}

async function runInOrder(steps: Array<() => Promise<unknown>>, logger: Logger): Promise<void> {
  for (const step of steps.splice(0)) {
    try {
      await step();
    } catch (error) {
      logger.warn({ err: error }, 'shutdown step failed');
    }
  }
}
