import {
  createDatabase,
  PrismaAccountRepository,
  PrismaCharacterRepository,
  PrismaZoneRepository,
  seedWorld,
  NotFoundError,
  StaleEpochError,
  type Database,
} from '../../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '@aether/testing';
import { testServerUrl } from './server-url.js';

describe('epoch fencing (docs/design.md §5)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let characters: PrismaCharacterRepository;
  let zones: PrismaZoneRepository;
  let characterId: string;
  const save = (x: number) => ({ id: characterId, zoneId: 'zone-forest', x, y: 10, z: 0, heading: 0, hp: 50, stamina: 50, mana: 50 });

  beforeAll(async () => {
    testDb = await createTestDatabase(testServerUrl());
    db = createDatabase(testDb.url, { poolSize: 4 });
    await seedWorld(db);
    characters = new PrismaCharacterRepository(db.client);
    zones = new PrismaZoneRepository(db.client);
    const account = await new PrismaAccountRepository(db.client).findOrCreateByUsername('fence');
    characterId = (await characters.create(account.id, { name: 'Fenced', archetype: 'warrior' })).id;
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('raises the owner epoch monotonically', async () => {
    expect(await zones.raiseOwnerEpoch('zone-forest', 3)).toBe(3);
    expect(await zones.raiseOwnerEpoch('zone-forest', 2)).toBe(3);
    expect(await zones.raiseOwnerEpoch('zone-forest', 7)).toBe(7);
  });

  it('claims an epoch only above the stored one, and says what is stored', async () => {
    const current = await zones.raiseOwnerEpoch('zone-city', 0);
    expect(await zones.claimOwnerEpoch('zone-city', current + 2)).toEqual({ won: true, ownerEpoch: current + 2 });
    // Equal: an owner already ran under it (a counter that went back after a Redis flush hands it out again).
    expect(await zones.claimOwnerEpoch('zone-city', current + 2)).toEqual({ won: false, ownerEpoch: current + 2 });
    expect(await zones.claimOwnerEpoch('zone-city', current + 1)).toEqual({ won: false, ownerEpoch: current + 2 });
    await expect(zones.claimOwnerEpoch('zone-nowhere', 1)).rejects.toThrow(NotFoundError);
  });

  it('accepts writes at the current epoch and refuses a stale owner’s', async () => {
    await zones.raiseOwnerEpoch('zone-forest', 10);
    expect(await characters.savePositions([save(1)], { zoneId: 'zone-forest', epoch: 10 })).toBe(1);
    // A new owner takes over; the old one's late checkpoint must not land.
    await zones.raiseOwnerEpoch('zone-forest', 11);
    await expect(characters.savePositions([save(2)], { zoneId: 'zone-forest', epoch: 10 })).rejects.toBeInstanceOf(StaleEpochError);
    expect((await characters.findById(characterId))?.x).toBe(1);
    expect(await characters.savePositions([save(3)], { zoneId: 'zone-forest', epoch: 11 })).toBe(1);
    expect((await characters.findById(characterId))?.x).toBe(3);
  });

  it('an unknown zone in the fence is refused too', async () => {
    await expect(characters.savePositions([save(4)], { zoneId: 'zone-nowhere', epoch: 1 })).rejects.toBeInstanceOf(StaleEpochError);
  });

  it('writes without a fence still work (embedded mode has a single owner)', async () => {
    expect(await characters.savePositions([save(5)])).toBe(1);
  });
});
