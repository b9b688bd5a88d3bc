import { Channels, type BusEnvelope, type BusMessageType, type BusPayload, type ClientMessage, type Registry as BusRegistry } from '@aether/shared';
import type { RedisBus } from '@aether/shared/bus/redis';
import { createServiceBus } from '@aether/shared/process';
import { createDatabase, PrismaAccountRepository, PrismaCharacterRepository, PrismaZoneRepository, seedAll, type Database } from '@aether/shared/db';
import { createLogger } from '@aether/shared/observability';
import { createTestDatabase, startRedisServer, type RedisServer, type TestDatabase } from '@aether/testing';
import { BatchReader } from '@aether/shared/wire';
import { Registry } from 'prom-client';
import { DEFAULT_CHAT_LIMITS } from '../src/chat/chat-limits.js';
import { createZoneHost } from '../src/game/create-zone-host.js';
import { DatabaseZoneCatalog } from '../src/persistence/database-stores.js';
import type { ZoneHost } from '../src/server/zone-host.js';

const logger = createLogger({ level: 'silent' });

export interface ZoneServer {
  host: ZoneHost;
  bus: RedisBus;
  registry: BusRegistry;
  metrics: Registry;
}

/** What a (pretend) gateway got on its output channel. */
export interface GatewayInbox {
  messages: ClientMessage[];
  kicks: Array<BusPayload<'player.kick'>>;
}

/**
 * Real zone servers as the game assembles them (createZoneHost: commands,
 * admin, chat limits, database stores) on a private Redis and a fresh seeded
 * PostgreSQL database; the test plays the gateways on the same Redis.
 */
export class ZoneWorld {
  readonly servers: ZoneServer[] = [];
  readonly inboxes = new Map<string, GatewayInbox>();
  private readonly reader = new BatchReader();
  private constructor(
    readonly redis: RedisServer,
    readonly testDb: TestDatabase,
    readonly db: Database,
    /** The gateways' side of the bus. */
    readonly gateway: RedisBus,
    readonly gatewayRegistry: BusRegistry,
  ) {}

  static async start(): Promise<ZoneWorld> {
    const redis = await startRedisServer();
    const testDb = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    const db = createDatabase(testDb.url, { poolSize: 4 });
    await seedAll(db);
    const { bus, registry } = createServiceBus('test-gateways', redis.url, logger);
    await connected(bus);
    return new ZoneWorld(redis, testDb, db, bus, registry);
  }

  /** A zone server simulating these zones (ids from the seed). */
  async server(serverId: string, zoneIds: string[]): Promise<ZoneServer> {
    const zones = (await new DatabaseZoneCatalog(new PrismaZoneRepository(this.db.client)).listZones()).filter((zone) => zoneIds.includes(zone.id));
    const { bus, registry } = createServiceBus(serverId, this.redis.url, logger);
    await connected(bus);
    const metrics = new Registry();
    const host = await createZoneHost({
      serverId,
      database: this.db,
      bus,
      metrics,
      logger,
      tickRate: 20,
      checkpointIntervalMs: 60_000,
      zones,
      npcLlm: null,
      chat: DEFAULT_CHAT_LIMITS,
    });
    await host.start();
    const server = { host, bus, registry, metrics };
    this.servers.push(server);
    return server;
  }

  /** An account (admin or not) with one character standing at a point of a zone. */
  async character(
    name: string,
    where: { zoneId: string; x: number; y: number },
    role: 'player' | 'admin' = 'player',
  ): Promise<{ accountId: string; characterId: string }> {
    const account = await new PrismaAccountRepository(this.db.client).findOrCreateByUsername(name.toLowerCase());
    if (role === 'admin') await this.db.client.account.update({ where: { id: account.id }, data: { role } });
    const character = await new PrismaCharacterRepository(this.db.client).create(account.id, {
      name,
      archetype: 'warrior',
      zoneId: where.zoneId,
      position: { x: where.x, y: where.y },
    });
    return { accountId: account.id, characterId: character.id };
  }

  /** Listens on a gateway's output channel. */
  async inbox(gatewayId: string): Promise<GatewayInbox> {
    const inbox: GatewayInbox = { messages: [], kicks: [] };
    this.inboxes.set(gatewayId, inbox);
    await this.gateway.subscribe(Channels.gatewayOutput(gatewayId), (envelope: BusEnvelope) => {
      if (envelope.type === 'client.batch') inbox.messages.push(...(this.reader.read(envelope.payload) as ClientMessage[]));
      if (envelope.type === 'player.kick') inbox.kicks.push(envelope.payload);
    });
    return inbox;
  }

  publish<T extends BusMessageType>(zoneId: string, type: T, payload: BusPayload<T>): Promise<void> {
    return this.gateway.publish(Channels.zoneInput(zoneId), type, payload);
  }

  command(zoneId: string, characterId: string, text: string): Promise<void> {
    return this.publish(zoneId, 'player.command', { characterId, text });
  }

  async close(): Promise<void> {
    for (const server of this.servers.splice(0)) {
      await server.host.stop().catch(() => undefined);
      await server.bus.close().catch(() => undefined);
    }
    await this.gateway.close().catch(() => undefined);
    await this.db.close();
    await this.testDb.drop();
    await this.redis.stop();
  }
}

/**
 * Waits until the bus's subscriber connection takes subscriptions: a
 * SUBSCRIBE sent while ioredis still runs its ready check fails with
 * "Connection in subscriber mode" (a start-up race the processes do not meet,
 * since they talk to the database first).
 */
async function connected(bus: RedisBus): Promise<void> {
  await until(
    () =>
      bus
        .subscribe('test:warm-up', () => undefined)
        .then(
          async (subscription) => (await subscription.unsubscribe(), true),
          () => false,
        ),
    'the Redis subscriber connection',
  );
}

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Text of the events and errors a character got. */
export function textsOf(inbox: GatewayInbox, characterId: string): string[] {
  return inbox.messages
    .filter((m) => m.characterId === characterId)
    .flatMap((m) => (m.event === 'event' ? [m.data.text] : m.event === 'error' ? [`! ${m.data.code}: ${m.data.message}`] : []));
}
