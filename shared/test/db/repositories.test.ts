import {
  createDatabase,
  NameTakenError,
  NotFoundError,
  PrismaAccountRepository,
  PrismaCharacterRepository,
  seedWorld,
  type Database,
} from '../../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '@aether/testing';
import { testServerUrl } from './server-url.js';

describe('Prisma repositories', () => {
  let testDb: TestDatabase;
  let db: Database;
  let accounts: PrismaAccountRepository;
  let characters: PrismaCharacterRepository;
  beforeAll(async () => {
    testDb = await createTestDatabase(testServerUrl());
    db = createDatabase(testDb.url, { poolSize: 4 });
    await seedWorld(db);
    accounts = new PrismaAccountRepository(db.client);
    characters = new PrismaCharacterRepository(db.client);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  describe('accounts', () => {
    it('finds or creates by username, once even under concurrent first logins', async () => {
      const results = await Promise.all(Array.from({ length: 5 }, () => accounts.findOrCreateByUsername('racer')));
      expect(new Set(results.map((account) => account.id)).size).toBe(1);
      expect(await accounts.findOrCreateByUsername('racer')).toEqual(results[0]);
      expect(await db.client.account.count({ where: { username: 'racer' } })).toBe(1);
    });
  });

  describe('characters', () => {
    it('creates at the starting zone spawn with schema defaults, and lists by account', async () => {
      const account = await accounts.findOrCreateByUsername('alice');
      const created = await characters.create(account.id, { name: 'Aria', archetype: 'mage', stats: { intellect: 14 } });

      expect(created).toMatchObject({
        accountId: account.id,
        name: 'Aria',
        archetype: 'mage',
        level: 1,
        xp: 0,
        zoneId: 'zone-crossroads',
        x: 100,
        y: 100,
        z: 0,
        intellect: 14,
        strength: 10,
        lastSavedEpoch: 0n,
      });
      expect(await characters.findById(created.id)).toEqual(created);
      expect(await characters.listByAccount(account.id)).toEqual([created]);
      expect(await characters.listByAccount('not-a-uuid')).toEqual([]);
    });

    it('treats names case-insensitively: lookups match and a clash is NameTakenError', async () => {
      const account = await accounts.findOrCreateByUsername('bob');
      const borin = await characters.create(account.id, { name: 'Borin', archetype: 'warrior' });

      expect((await characters.findByName('bORIN'))?.id).toBe(borin.id);
      expect(await characters.findByName('Borinn')).toBeNull();
      await expect(characters.create(account.id, { name: 'BORIN', archetype: 'rogue' })).rejects.toBeInstanceOf(NameTakenError);
      await expect(characters.create(account.id, { name: 'Borin', archetype: 'rogue' })).rejects.toMatchObject({
        name: 'NameTakenError',
        characterName: 'Borin',
      });
      expect(await characters.listByAccount(account.id)).toHaveLength(1);
    });

    it('reports a missing zone or account as NotFoundError', async () => {
      const account = await accounts.findOrCreateByUsername('carol');
      await expect(characters.create(account.id, { name: 'Nowhere', archetype: 'mage', zoneId: 'zone-nope' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(characters.create('00000000-0000-4000-8000-000000000000', { name: 'Orphan', archetype: 'mage' })).rejects.toMatchObject({
        entity: 'account',
      });
    });

    it('returns null for unknown or malformed ids', async () => {
      expect(await characters.findById('00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await characters.findById('nope')).toBeNull();
    });

    it('saves a batch of positions in one statement and reads them back', async () => {
      const account = await accounts.findOrCreateByUsername('dave');
      const one = await characters.create(account.id, { name: 'Dave One', archetype: 'warrior' });
      const two = await characters.create(account.id, { name: 'Dave Two', archetype: 'rogue', zoneId: 'zone-city' });

      const saved = await characters.savePositions([
        { id: one.id, zoneId: 'zone-forest', x: -12.5, y: 40.25, z: 1.5, heading: 271.75, hp: 55, stamina: 12.6, mana: 0 },
        { id: two.id, zoneId: 'zone-city', x: 250, y: 10, z: 0, heading: -1, hp: 100, stamina: 100, mana: 100 },
        { id: '00000000-0000-4000-8000-000000000000', zoneId: 'zone-city', x: 0, y: 0, z: 0, heading: 0, hp: 1, stamina: 1, mana: 1 },
      ]);

      expect(saved).toBe(2);
      const reloaded = await characters.findById(one.id);
      expect(reloaded).toMatchObject({ zoneId: 'zone-forest', x: -12.5, y: 40.25, z: 1.5, heading: 271.75, hp: 55, stamina: 13, mana: 0 });
      expect(reloaded!.updatedAt.getTime()).toBeGreaterThanOrEqual(one.updatedAt.getTime());
      expect(await characters.findById(two.id)).toMatchObject({ x: 250, y: 10, heading: -1 });
      expect(await characters.savePositions([])).toBe(0);
    });

    it('saves all of a batch or none of it', async () => {
      const account = await accounts.findOrCreateByUsername('erin');
      const good = await characters.create(account.id, { name: 'Erin', archetype: 'mage' });
      const other = await characters.create(account.id, { name: 'Erin Two', archetype: 'mage' });

      await expect(
        characters.savePositions([
          { id: good.id, zoneId: 'zone-city', x: 300, y: 50, z: 0, heading: 0, hp: 10, stamina: 10, mana: 10 },
          { id: other.id, zoneId: 'zone-missing', x: 0, y: 0, z: 0, heading: 0, hp: 10, stamina: 10, mana: 10 },
        ]),
      ).rejects.toThrow(/could not save positions/);

      expect(await characters.findById(good.id)).toMatchObject({ zoneId: 'zone-crossroads', x: 100, hp: 100 });
    });

    it('rejects non-finite numbers before touching the database', async () => {
      const account = await accounts.findOrCreateByUsername('frank');
      const frank = await characters.create(account.id, { name: 'Frank', archetype: 'warrior' });
      await expect(
        characters.savePositions([{ id: frank.id, zoneId: 'zone-city', x: Number.NaN, y: 0, z: 0, heading: 0, hp: 1, stamina: 1, mana: 1 }]),
      ).rejects.toThrow(/x is NaN/);
    });
  });

  describe('referential rules', () => {
    it('deleting an account deletes its characters', async () => {
      const account = await accounts.findOrCreateByUsername('gone');
      const character = await characters.create(account.id, { name: 'Ghost', archetype: 'mage' });
      await db.client.account.delete({ where: { id: account.id } });
      expect(await characters.findById(character.id)).toBeNull();
    });

    it('refuses to delete a zone that characters stand in', async () => {
      const account = await accounts.findOrCreateByUsername('stayer');
      await characters.create(account.id, { name: 'Stayer', archetype: 'warrior', zoneId: 'zone-forest' });
      await expect(db.client.zone.delete({ where: { id: 'zone-forest' } })).rejects.toMatchObject({ code: 'P2003' });
    });
  });
});
