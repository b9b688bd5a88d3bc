import { createDatabase, PrismaCharacterRepository, seedAll } from '../../../shared/src/db/index.js';
import {
  createTestDatabase,
  type RedisCluster,
  type RedisServer,
  startRedisCluster,
  type StartRedisClusterOptions,
  startRedisServer,
  type StartRedisServerOptions,
} from '@aether/testing';
import { TestClient } from '../../../gateway/test/client.js';

/** What every world has, whichever Redis it runs on. */
export interface WorldBase {
  databaseUrl: string;
  /** REDIS_URL (and REDIS_CLUSTER for a cluster) for the processes under test. */
  redisEnv: { REDIS_URL: string; REDIS_CLUSTER?: '1' };
  /** Puts a character somewhere before it enters the world (tests start next to a border). */
  place(characterId: string, zoneId: string, x: number, y: number): Promise<void>;
  position(characterId: string): Promise<{ zoneId: string; x: number; y: number }>;
  close(): Promise<void>;
}

export interface World extends WorldBase {
  redis: RedisServer;
}

/** A world on a local Redis Cluster (3 masters, 3 replicas): its tests may kill masters. */
export interface ClusterWorld extends WorldBase {
  redisCluster: RedisCluster;
}

/** The Redis set-ups the distributed tests run on (`make test` runs both). */
export const REDIS_BACKENDS = ['single Redis', 'Redis Cluster'] as const;
export type RedisBackend = (typeof REDIS_BACKENDS)[number];

/** A world on either backend, for tests that run the same body on both. */
export async function startWorldOn(backend: RedisBackend): Promise<WorldBase> {
  return backend === 'Redis Cluster' ? startClusterWorld() : startWorld();
}

export async function startClusterWorld(options: StartRedisClusterOptions = {}): Promise<ClusterWorld> {
  const redisCluster = await startRedisCluster(options);
  try {
    const world = await databaseWorld({ REDIS_URL: redisCluster.url, REDIS_CLUSTER: '1' }, () => redisCluster.stop());
    return { ...world, redisCluster };
  } catch (error) {
    await redisCluster.stop();
    throw error;
  }
}

/**
 * A private Redis (chaos tests restart it) and a fresh, seeded database: on
 * the harness's PostgreSQL unless `postgresUrl` names another server.
 */
export async function startWorld(options: { redis?: StartRedisServerOptions; postgresUrl?: string } = {}): Promise<World> {
  const redis = await startRedisServer(options.redis);
  return { ...(await databaseWorld({ REDIS_URL: redis.url }, () => redis.stop(), options.postgresUrl)), redis };
}

async function databaseWorld(redisEnv: WorldBase['redisEnv'], stopRedis: () => Promise<void>, postgresUrl?: string): Promise<WorldBase> {
  const database = await createTestDatabase(postgresUrl ?? process.env.TEST_DATABASE_URL!);
  const db = createDatabase(database.url, { poolSize: 2 });
  await seedAll(db);
  const characters = new PrismaCharacterRepository(db.client);
  return {
    redisEnv,
    databaseUrl: database.url,
    async place(characterId, zoneId, x, y) {
      await characters.savePositions([{ id: characterId, zoneId, x, y, z: 0, heading: 0, hp: 100, stamina: 100, mana: 20 }]);
    },
    async position(characterId) {
      const found = await characters.findById(characterId);
      if (!found) throw new Error(`no character ${characterId}`);
      return { zoneId: found.zoneId, x: found.x, y: found.y };
    },
    async close() {
      await db.close();
      await database.drop();
      await stopRedis();
    },
  };
}

/** Connects, creates a character, places it, and enters the world with it. */
export async function playerAt(
  world: WorldBase,
  url: string,
  name: string,
  where: { zoneId: string; x: number; y: number },
): Promise<{ client: TestClient; characterId: string; resumeToken: string | undefined }> {
  const client = await new TestClient(url, name.toLowerCase()).connected();
  const created = await client.request('character_create', { name });
  if (!created.ok) throw new Error(`create ${name}: ${JSON.stringify(created.error)}`);
  await world.place(created.character.id, where.zoneId, where.x, where.y);
  const roster = client.next('proximity_roster', () => true, 15_000);
  const selected = await client.request('character_select', { characterId: created.character.id });
  if (!selected.ok) throw new Error(`select ${name}: ${JSON.stringify(selected.error)}`);
  await roster;
  return { client, characterId: created.character.id, resumeToken: selected.resumeToken };
}

/** Every entity id the client currently believes is nearby, replaying roster and deltas. */
export function visibleTo(client: TestClient): Map<string, any> {
  const seen = new Map<string, any>();
  for (const { event, data } of client.received as Array<{ event: string; data: any }>) {
    if (event === 'proximity_roster') {
      seen.clear();
      for (const entry of data.entities) seen.set(entry.id, entry);
    } else if (event === 'proximity_roster_delta') {
      for (const entry of [...data.added, ...data.changed]) seen.set(entry.id, entry);
      for (const id of data.removed) seen.delete(id);
    }
  }
  return seen;
}
