import {
  createDatabase,
  PrismaNpcRepository,
  PrismaQuestRepository,
  PrismaWildlifeRepository,
  SEED_NPCS,
  SEED_QUESTS,
  SEED_SPAWN_RULES,
  SEED_SPECIES,
  seedCombat,
  seedEconomy,
  seedInhabitants,
  seedWorld,
  type Database,
} from '@aether/shared/db';
import { createTestDatabase, type TestDatabase } from '@aether/testing';
import { DatabaseNpcCatalog, DatabaseWildlifeCatalog } from '../src/persistence/inhabitant-stores.js';

/** Species, spawn rules and NPCs through the real schema: seeding, reading back, constraints, and the zone's loaders. */
describe('wildlife and NPC content in PostgreSQL', () => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    db = createDatabase(testDb.url, { poolSize: 2 });
    await seedWorld(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('seeds loot tables, wares and quests idempotently, read back with their species and NPCs', async () => {
    await seedInhabitants(db);
    await seedCombat(db);
    const first = await seedEconomy(db);
    await seedEconomy(db);
    expect(first).toEqual({
      lootEntries: SEED_SPECIES.reduce((sum, species) => sum + species.loot.length, 0),
      vendorItems: SEED_NPCS.reduce((sum, npc) => sum + npc.wares.length, 0),
      quests: SEED_QUESTS.length,
    });
    expect(await db.client.lootEntry.count()).toBe(first.lootEntries);
    const boars = (await new PrismaWildlifeRepository(db.client).listSpawnRules('zone-crossroads')).find((rule) => rule.species.id === 'boar')!;
    expect(boars.species.loot).toEqual(SEED_SPECIES.find((species) => species.id === 'boar')!.loot);
    const merchant = (await new PrismaNpcRepository(db.client).listNpcs('zone-city')).find((npc) => npc.id === 'city-merchant')!;
    expect(merchant.wares).toEqual(SEED_NPCS.find((npc) => npc.id === 'city-merchant')!.wares);
    expect(await new PrismaQuestRepository(db.client).listQuests()).toEqual([...SEED_QUESTS].sort((a, b) => a.id.localeCompare(b.id)));
    // The database refuses what the zone could not run: a chance that is no probability, a free ware.
    await expect(
      db.client.lootEntry.update({ where: { speciesId_itemId: { speciesId: 'boar', itemId: 'boar-pelt' } }, data: { chance: 1.5 } }),
    ).rejects.toThrow();
    await expect(db.client.vendorItem.update({ where: { npcId_itemId: { npcId: 'city-merchant', itemId: 'rope' } }, data: { price: 0 } })).rejects.toThrow();
  });

  it('seeds idempotently and reads the seed back as it was written', async () => {
    const first = await seedInhabitants(db);
    await seedInhabitants(db);
    expect(first).toEqual({ species: 4, spawnRules: 4, npcs: 3, dialogueRules: 16 });
    expect(await db.client.npcDialogueRule.count()).toBe(16);

    const rules = await new PrismaWildlifeRepository(db.client).listSpawnRules();
    expect(rules.map((rule) => rule.id)).toEqual(['crossroads-boars', 'crossroads-rabbits', 'forest-deer', 'forest-wolves']);
    const wolves = rules.find((rule) => rule.id === 'forest-wolves')!;
    const seeded = SEED_SPAWN_RULES.find((rule) => rule.id === 'forest-wolves')!;
    expect(wolves).toMatchObject({ zoneId: 'zone-forest', count: seeded.count, region: seeded.region, respawnSeconds: seeded.respawnSeconds });
    expect(wolves.species).toMatchObject({
      id: 'wolf',
      name: 'Grey wolf',
      temperament: 'aggressive',
      weapon: { delay: 2.2, minDamage: 3, maxDamage: 7, range: 2 },
    });

    const npcs = await new PrismaNpcRepository(db.client).listNpcs('zone-city');
    expect(npcs.map((npc) => npc.id)).toEqual(['city-guard', 'city-merchant']);
    const guard = npcs[0]!;
    const expected = SEED_NPCS.find((npc) => npc.id === 'city-guard')!;
    expect(guard).toMatchObject({
      name: expected.name,
      x: expected.x,
      y: expected.y,
      greeting: expected.greeting,
      fallback: expected.fallback,
      persona: expected.persona,
    });
    // Highest priority first, ties by pattern.
    expect(guard.dialogue.map((rule) => rule.priority)).toEqual([...guard.dialogue.map((rule) => rule.priority)].sort((a, b) => b - a));
    expect(new Set(guard.dialogue.map((rule) => rule.pattern))).toEqual(new Set(expected.dialogue.map((rule) => rule.pattern)));
  });

  it('updates seeded rows that changed and leaves rows it does not know alone', async () => {
    await db.client.spawnRule.update({ where: { id: 'forest-wolves' }, data: { count: 99 } });
    await db.client.npcDialogueRule.create({ data: { npcId: 'city-guard', pattern: 'taxes', reply: 'Pay them.', priority: 3 } });
    await seedInhabitants(db);
    expect((await db.client.spawnRule.findUnique({ where: { id: 'forest-wolves' } }))!.count).toBe(4);
    expect(await db.client.npcDialogueRule.count({ where: { npcId: 'city-guard', pattern: 'taxes' } })).toBe(1);
  });

  it('refuses what the schema forbids: unknown temperament, a rule for a missing species, deleting a species in use', async () => {
    await expect(db.client.$executeRawUnsafe(`UPDATE species SET temperament = 'grumpy' WHERE id = 'wolf'`)).rejects.toThrow();
    await expect(
      db.client.spawnRule.create({
        data: {
          id: 'ghosts',
          zoneId: 'zone-forest',
          speciesId: 'ghost',
          count: 1,
          minLevel: 1,
          maxLevel: 1,
          minX: 0,
          minY: 0,
          maxX: 1,
          maxY: 1,
          respawnSeconds: 1,
        },
      }),
    ).rejects.toMatchObject({ code: 'P2003' });
    await expect(db.client.species.delete({ where: { id: 'wolf' } })).rejects.toThrow();
  });

  it('the zone loaders group content by zone and skip rows the zone cannot run, saying why', async () => {
    await db.client.spawnRule.create({
      data: {
        id: 'broken-rule',
        zoneId: 'zone-city',
        speciesId: 'rabbit',
        count: 2,
        minLevel: 5,
        maxLevel: 1,
        minX: 200,
        minY: 0,
        maxX: 300,
        maxY: 100,
        respawnSeconds: 5,
      },
    });
    await db.client.npcDialogueRule.create({ data: { npcId: 'city-merchant', match: 'regex', pattern: '(unclosed', reply: 'never', priority: 50 } });
    const problems: string[] = [];
    const report = (id: string, problem: string) => problems.push(`${id}: ${problem}`);

    const tables = await new DatabaseWildlifeCatalog(new PrismaWildlifeRepository(db.client), report).spawnTables();
    expect([...tables.keys()].sort()).toEqual(['zone-crossroads', 'zone-forest']);
    expect(tables.get('zone-crossroads')!.map((rule) => rule.species.id)).toEqual(['boar', 'rabbit']);

    const npcs = await new DatabaseNpcCatalog(new PrismaNpcRepository(db.client), report).npcsByZone();
    expect(npcs.get('zone-crossroads')!.map((npc) => npc.name)).toEqual(['Old Tobin']);
    expect(
      npcs
        .get('zone-city')!
        .find((npc) => npc.id === 'city-merchant')!
        .dialogue.map((rule) => rule.pattern),
    ).not.toContain('(unclosed');

    expect(problems).toEqual([expect.stringMatching(/^broken-rule: levels/), expect.stringMatching(/^city-merchant: dialogue rule "\(unclosed"/)]);
  });

  it('deleting a zone deletes its spawn rules and NPCs with their dialogue', async () => {
    await db.client.character.deleteMany({ where: { zoneId: 'zone-forest' } });
    await db.client.zoneAdjacency.deleteMany({ where: { OR: [{ zoneId: 'zone-forest' }, { adjacentZoneId: 'zone-forest' }] } });
    await db.client.zone.delete({ where: { id: 'zone-forest' } });
    expect(await db.client.spawnRule.count({ where: { zoneId: 'zone-forest' } })).toBe(0);
    await db.client.zone.delete({ where: { id: 'zone-crossroads' } });
    expect(await db.client.npc.count({ where: { zoneId: 'zone-crossroads' } })).toBe(0);
    expect(await db.client.npcDialogueRule.count({ where: { npcId: 'crossroads-hermit' } })).toBe(0);
  });
});
