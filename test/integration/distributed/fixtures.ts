import { createDatabase, PrismaCharacterRepository, seedAll } from '../../../shared/src/db/index.js';
import { createTestDatabase, type RedisServer, startRedisServer, type StartRedisServerOptions } from '@aether/testing';
import { TestClient } from '../../../gateway/test/client.js';

export interface World {
  redis: RedisServer;
  databaseUrl: string;
  /** Puts a character somewhere before it enters the world (tests start next to a border). */
  place(characterId: string, zoneId: string, x: number, y: number): Promise<void>;
  position(characterId: string): Promise<{ zoneId: string; x: number; y: number }>;
  close(): Promise<void>;
}

/**
 * A private Redis (chaos tests restart it) and a fresh, seeded database: on
 * the harness's PostgreSQL unless `postgresUrl` names another server.
 */
export async function startWorld(options: { redis?: StartRedisServerOptions; postgresUrl?: string } = {}): Promise<World> {
  const redis = await startRedisServer(options.redis);
  const database = await createTestDatabase(options.postgresUrl ?? process.env.TEST_DATABASE_URL!);
  const db = createDatabase(database.url, { poolSize: 2 });
  await seedAll(db);
  const characters = new PrismaCharacterRepository(db.client);
  return {
    redis,
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
      await redis.stop();
    },
  };
}

/** Connects, creates a character, places it, and enters the world with it. */
export async function playerAt(
  world: World,
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
