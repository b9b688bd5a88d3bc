import { Channels, InMemoryBroker, InMemoryBus, type BusEnvelope, type MessageBus } from '@aether/shared';
import { createDatabase, PrismaAccountRepository, PrismaCharacterRepository, seedAll } from '@aether/shared/db';
import { createLogger, createMetricsRegistry } from '@aether/shared/observability';
import { createTestDatabase } from '@aether/testing';
import type { Registry } from 'prom-client';
import { DevAuthenticator } from '../src/auth/dev/dev-authenticator.js';
import { GatewayServer, type GatewayOptions } from '../src/gateway-server.js';
import { DatabaseAccountStore, DatabaseCharacterDirectory } from '../src/persistence/database-directory.js';
import { TestClient } from './client.js';

/** The seed world's zones: a test listens on their input channels as the zones would. */
const SEED_ZONES = ['zone-crossroads', 'zone-forest', 'zone-city'];

interface ZoneTraffic {
  type: 'player.join' | 'player.leave' | 'player.move' | 'player.command';
  characterId: string;
  sessionId?: string;
  zoneId: string;
}

/**
 * What the zones heard from the gateway, and who is in the world by their
 * account: a join puts the character in with its session id, a leave takes
 * it out only when it names that session (the zone's rule for stale leaves).
 */
class ZoneListener {
  readonly traffic: ZoneTraffic[] = [];

  constructor(readonly bus: MessageBus) {}

  async start(): Promise<void> {
    for (const zoneId of SEED_ZONES) {
      await this.bus.subscribe(Channels.zoneInput(zoneId), (envelope: BusEnvelope) => {
        if (envelope.type === 'player.join' || envelope.type === 'player.leave') {
          this.traffic.push({ type: envelope.type, zoneId, characterId: envelope.payload.characterId, sessionId: envelope.payload.sessionId });
        } else if (envelope.type === 'player.move' || envelope.type === 'player.command') {
          this.traffic.push({ type: envelope.type, zoneId, characterId: envelope.payload.characterId });
        }
      });
    }
  }

  /** Characters the zones hold now: joined and not left by the session that joined. */
  inWorld(): Map<string, string> {
    const present = new Map<string, string>();
    for (const { type, characterId, sessionId } of this.traffic) {
      if (type === 'player.join') present.set(characterId, sessionId!);
      else if (type === 'player.leave' && present.get(characterId) === sessionId) present.delete(characterId);
    }
    return present;
  }

  count(type: ZoneTraffic['type'], characterId?: string): number {
    return this.traffic.filter((t) => t.type === type && (characterId === undefined || t.characterId === characterId)).length;
  }

  /** Sends a batch to the gateway as a zone would (client messages and frames for its players). */
  async toGateway(
    gatewayId: string,
    payload: Parameters<MessageBus['publish']>[2] & object,
    type: 'client.batch' | 'player.kick' = 'client.batch',
  ): Promise<void> {
    await this.bus.publish(Channels.gatewayOutput(gatewayId), type, payload as never);
  }
}

export interface BareGateway {
  readonly url: string;
  readonly opsUrl: string | undefined;
  readonly server: GatewayServer;
  readonly zones: ZoneListener;
  readonly registry: Registry;
  readonly gatewayId: string;
  /** The bus the gateway itself uses (its resume tokens, its output channel). */
  readonly bus: MessageBus;
  connect(account: string, auth?: Record<string, unknown>): Promise<TestClient>;
  close(): Promise<void>;
}

export type BareGatewayOptions = Partial<Omit<GatewayOptions, 'bus' | 'accounts' | 'characters' | 'registry' | 'logger' | 'facts'>> & {
  /** Replaces some of the public facts (/api/info, /ready). */
  facts?: Partial<GatewayOptions['facts']>;
};

/**
 * A gateway with no zone server behind it, on a fresh migrated and seeded
 * PostgreSQL and the in-process bus: the test plays the zones' side through
 * `zones` (what the gateway sends them, what it gets back). The gateway's
 * own parts (sessions, limits, routing) run as in production.
 */
export async function startBareGateway(options: BareGatewayOptions = {}): Promise<BareGateway> {
  const database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
  const db = createDatabase(database.url, { poolSize: 4 });
  await seedAll(db);
  const broker = new InMemoryBroker();
  const gatewayId = options.gatewayId ?? 'gw-test';
  const bus = new InMemoryBus({ source: gatewayId }, broker);
  const zones = new ZoneListener(new InMemoryBus({ source: 'zones' }, broker));
  await zones.start();
  const registry = createMetricsRegistry();
  const server = new GatewayServer({
    gatewayId,
    port: 0,
    host: '127.0.0.1',
    authenticator: new DevAuthenticator(new PrismaAccountRepository(db.client)),
    ...options,
    bus,
    accounts: new DatabaseAccountStore(new PrismaAccountRepository(db.client)),
    characters: new DatabaseCharacterDirectory(new PrismaCharacterRepository(db.client)),
    registry,
    logger: createLogger({ level: 'silent' }),
    facts: { mode: 'distributed', tickRate: 20, zones: () => SEED_ZONES, auth: { mode: 'dev' }, ...options.facts },
  } as GatewayOptions);
  await server.start();
  const clients: TestClient[] = [];
  const url = `http://127.0.0.1:${server.port}`;
  const opsPort = server.opsPort;
  return {
    url,
    opsUrl: opsPort === undefined ? undefined : `http://127.0.0.1:${opsPort}`,
    server,
    zones,
    registry,
    gatewayId,
    bus,
    async connect(account, auth = {}) {
      const client = await new TestClient(url, account, auth).connected();
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients.splice(0)) client.close();
      await server.stop();
      await bus.close();
      await zones.bus.close();
      await db.close();
      await database.drop();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
