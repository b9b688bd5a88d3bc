import { createDatabase, PrismaZoneRepository, SEED_WORLD, seedWorld, type Database } from '../../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '@aether/testing';
import { testServerUrl } from './server-url.js';

describe('seedWorld', () => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase(testServerUrl());
    db = createDatabase(testDb.url, { poolSize: 2 });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('creates the seed world, and running it again changes nothing', async () => {
    const first = await seedWorld(db);
    await seedWorld(db);

    expect(first).toEqual({ zones: 3, adjacencies: 4 });
    expect(await db.client.zone.count()).toBe(3);
    expect(await db.client.zoneAdjacency.count()).toBe(4);
    const expected = [...SEED_WORLD].sort((a, b) => a.id.localeCompare(b.id));
    expect(await new PrismaZoneRepository(db.client).listZones()).toEqual(
      expected.map((zone) => ({ ...zone, adjacentZoneIds: [...zone.adjacentZoneIds].sort() })),
    );
  });

  it('brings changed zone data up to date and leaves zones it does not know alone', async () => {
    await db.client.zone.update({ where: { id: 'zone-city' }, data: { name: 'Renamed', spawnX: 201 } });
    await db.client.zone.create({
      data: { id: 'zone-extra', name: 'Extra', minX: 0, minY: 200, maxX: 200, maxY: 400, spawnX: 100, spawnY: 300 },
    });

    await seedWorld(db);

    expect(await db.client.zone.findUnique({ where: { id: 'zone-city' } })).toMatchObject({ name: 'Aether City', spawnX: 300 });
    expect(await db.client.zone.findUnique({ where: { id: 'zone-extra' } })).not.toBeNull();
  });
});
