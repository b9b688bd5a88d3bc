import { randomUUID } from 'node:crypto';
import {
  createDatabase,
  PrismaAbilityRepository,
  PrismaAccountRepository,
  PrismaCharacterChangeRepository,
  PrismaCharacterRepository,
  PrismaInventoryRepository,
  PrismaZoneRepository,
  seedCombat,
  seedWorld,
  StaleEpochError,
  type Database,
} from '../../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '@aether/testing';
import { testServerUrl } from './server-url.js';

const stats = { strength: 12, agility: 11, intellect: 10, speed: 10 };
const progress = (level: number, xp: number) => ({ level, xp, stats, maxHp: 110, maxStamina: 55, maxMana: 21 });

/** XP, level, abilities and bag slots in one fenced transaction (docs/database.md, "Fenced game writes"). */
describe('character change sets', () => {
  let testDb: TestDatabase;
  let db: Database;
  let changes: PrismaCharacterChangeRepository;
  let characters: PrismaCharacterRepository;
  let inventory: PrismaInventoryRepository;
  let abilities: PrismaAbilityRepository;
  let zones: PrismaZoneRepository;
  let accountId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(testServerUrl());
    db = createDatabase(testDb.url, { poolSize: 4 });
    await seedWorld(db);
    await seedCombat(db);
    changes = new PrismaCharacterChangeRepository(db.client);
    characters = new PrismaCharacterRepository(db.client);
    inventory = new PrismaInventoryRepository(db.client);
    abilities = new PrismaAbilityRepository(db.client);
    zones = new PrismaZoneRepository(db.client);
    accountId = (await new PrismaAccountRepository(db.client).findOrCreateByUsername('changes')).id;
    await zones.raiseOwnerEpoch('zone-forest', 5);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const newCharacter = async (name: string) => (await characters.create(accountId, { name, archetype: 'warrior', zoneId: 'zone-forest' })).id;
  const fence = (epoch: number) => ({ zoneId: 'zone-forest', epoch });
  const changeCount = async (characterId: string) =>
    Number((await db.client.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM character_change WHERE character_id = ${characterId}::uuid`)[0]?.n);

  it('writes progress, learned abilities and bag slots together under the current epoch', async () => {
    const id = await newCharacter('Changer');
    const outcome = await changes.applyChange(
      {
        id: randomUUID(),
        characterId: id,
        progress: progress(2, 130),
        learned: ['shield-bash', 'no-such-ability'],
        slots: [
          { slot: 1, itemId: 'wolf-pelt', quantity: 1 },
          { slot: 1, itemId: 'wolf-pelt', quantity: 3 },
          { slot: 2, itemId: 'no-such-item', quantity: 1 },
        ],
      },
      fence(5),
    );
    expect(outcome).toBe('applied');
    const row = await characters.findById(id);
    expect(row).toMatchObject({ level: 2, xp: 130, strength: 12, agility: 11, maxHp: 110, maxStamina: 55, maxMana: 21 });
    expect(await abilities.listLearned(id)).toEqual(['shield-bash']);
    // An item the database does not define leaves its slot empty rather than failing the whole change.
    expect(await inventory.listInventory(id)).toEqual([{ slot: 1, itemId: 'wolf-pelt', quantity: 3 }]);
    await changes.applyChange({ id: randomUUID(), characterId: id, slots: [{ slot: 1, itemId: 'wolf-pelt', quantity: 0 }] }, fence(5));
    expect(await inventory.listInventory(id)).toEqual([]);
  });

  it('applies a change id once: a retry after an unacknowledged commit writes nothing twice', async () => {
    const id = await newCharacter('Retrier');
    const change = { id: randomUUID(), characterId: id, progress: progress(1, 40), slots: [{ slot: 1, itemId: 'wolf-pelt', quantity: 2 }] };
    expect(await changes.applyChange(change, fence(5))).toBe('applied');
    // Meanwhile a later change set landed; the retry of the first must not roll it back.
    await changes.applyChange(
      { id: randomUUID(), characterId: id, progress: progress(1, 60), slots: [{ slot: 1, itemId: 'wolf-pelt', quantity: 5 }] },
      fence(5),
    );
    expect(await changes.applyChange(change, fence(5))).toBe('duplicate');
    expect((await characters.findById(id))?.xp).toBe(60);
    expect(await inventory.listInventory(id)).toEqual([{ slot: 1, itemId: 'wolf-pelt', quantity: 5 }]);
    expect(await changeCount(id)).toBe(2);
  });

  it('refuses a stale owner’s XP and inventory write, and writes none of it', async () => {
    const id = await newCharacter('Stale');
    await changes.applyChange(
      { id: randomUUID(), characterId: id, progress: progress(1, 10), slots: [{ slot: 1, itemId: 'wolf-pelt', quantity: 1 }] },
      fence(5),
    );
    // A new owner takes the zone over; the old one's late write must not land.
    await zones.raiseOwnerEpoch('zone-forest', 6);
    const late = changes.applyChange(
      { id: randomUUID(), characterId: id, progress: progress(3, 999), learned: ['shield-bash'], slots: [{ slot: 1, itemId: 'wolf-pelt', quantity: 9 }] },
      fence(5),
    );
    await expect(late).rejects.toBeInstanceOf(StaleEpochError);
    await expect(late).rejects.toMatchObject({ zoneId: 'zone-forest', epoch: 5, currentEpoch: 6 });
    expect(await characters.findById(id)).toMatchObject({ level: 1, xp: 10 });
    expect(await abilities.listLearned(id)).toEqual([]);
    expect(await inventory.listInventory(id)).toEqual([{ slot: 1, itemId: 'wolf-pelt', quantity: 1 }]);
    expect(await changeCount(id)).toBe(1);
    expect(await changes.applyChange({ id: randomUUID(), characterId: id, progress: progress(1, 20) }, fence(6))).toBe('applied');
  });

  it('skips a character that no longer exists', async () => {
    expect(await changes.applyChange({ id: randomUUID(), characterId: randomUUID(), progress: progress(1, 1) }, fence(6))).toBe('missing');
    expect(await changes.applyChange({ id: randomUUID(), characterId: 'not-a-uuid', progress: progress(1, 1) })).toBe('missing');
  });

  it('serialises a new owner’s epoch raise behind a change set still writing under the old epoch', async () => {
    const id = await newCharacter('Racer');
    await zones.raiseOwnerEpoch('zone-forest', 7);
    const writes = Array.from({ length: 5 }, (_, i) =>
      changes.applyChange({ id: randomUUID(), characterId: id, progress: progress(1, 100 + i) }, fence(7)).catch((error: unknown) => error),
    );
    const raised = zones.raiseOwnerEpoch('zone-forest', 8);
    const outcomes = await Promise.all(writes);
    expect(await raised).toBe(8);
    // Every write either landed before the raise or was refused after it: none landed after.
    for (const outcome of outcomes) expect(outcome === 'applied' || outcome instanceof StaleEpochError).toBe(true);
    const landed = outcomes.filter((outcome) => outcome === 'applied').length;
    expect(await changeCount(id)).toBe(landed);
  });
});
