import {
  createDatabase,
  PrismaAbilityRepository,
  PrismaAccountRepository,
  PrismaCharacterChangeRepository,
  PrismaCharacterRepository,
  PrismaInventoryRepository,
  PrismaItemRepository,
  seedCombat,
  seedWorld,
  type Database,
} from '@aether/shared/db';
import { SEED_ABILITIES, SEED_ITEMS } from '@aether/shared';
import { createLogger } from '@aether/shared/observability';
import { createTestDatabase, type TestDatabase } from '@aether/testing';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { AbilityCatalog } from '../src/combat/abilities/ability-catalog.js';
import { abilityToRecord } from '../src/combat/abilities/ability-record.js';
import { DEFAULT_ABILITIES } from '../src/combat/abilities/default-abilities.js';
import { DEFAULT_ITEMS } from '../src/combat/items/default-items.js';
import { ItemCatalog } from '../src/combat/items/item-catalog.js';
import { DatabaseCharacterStore } from '../src/persistence/database-stores.js';
import { ChangeOutbox } from '../src/persistence/outbox/change-outbox.js';
import { progressHandlers } from '../src/server/effects/progress.js';
import { ZoneMetrics } from '../src/server/metrics.js';

/** Combat content and progress against a real PostgreSQL (the integration harness's). */
describe('combat persistence', () => {
  let testDb: TestDatabase;
  let db: Database;
  let characterId: string;
  const repos = () => ({
    abilities: new PrismaAbilityRepository(db.client),
    items: new PrismaItemRepository(db.client),
    inventory: new PrismaInventoryRepository(db.client),
    changes: new PrismaCharacterChangeRepository(db.client),
    characters: new PrismaCharacterRepository(db.client),
  });

  beforeAll(async () => {
    testDb = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    db = createDatabase(testDb.url, { poolSize: 4 });
    await seedWorld(db);
    const account = await new PrismaAccountRepository(db.client).findOrCreateByUsername('fighter');
    characterId = (
      await repos().characters.create(account.id, { name: 'Fighter', archetype: 'warrior', stats: { strength: 14, agility: 10, intellect: 6, speed: 10 } })
    ).id;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('seeds the shipped abilities and items, idempotently, the same as the zone’s in-memory defaults', async () => {
    expect(await seedCombat(db)).toEqual({ abilities: SEED_ABILITIES.length, items: SEED_ITEMS.length });
    await seedCombat(db);
    const byId = <T extends { id: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const abilities = await repos().abilities.listAbilities();
    expect(abilities).toEqual(byId(SEED_ABILITIES));
    expect(abilities).toEqual(byId(DEFAULT_ABILITIES.map(abilityToRecord)));
    expect(AbilityCatalog.fromRecords(abilities).all()).toEqual(new AbilityCatalog().all());
    const items = await repos().items.listItems();
    expect(items).toEqual(byId(SEED_ITEMS));
    expect(
      ItemCatalog.fromRecords(items)
        .all()
        .sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual(byId(DEFAULT_ITEMS.map((item) => ({ ...item, weapon: item.weapon ?? undefined }))));
  });

  const apply = (change: { learned?: string[]; slots?: Array<{ slot: number; itemId: string; quantity: number }> }, id = characterId) =>
    repos().changes.applyChange({ id: randomUUID(), characterId: id, ...change });

  it('records learned abilities once, and skips unknown ones', async () => {
    const { abilities } = repos();
    await apply({ learned: ['shield-bash'] });
    await apply({ learned: ['shield-bash', 'no-such-ability'] });
    expect(await abilities.listLearned(characterId)).toEqual(['shield-bash']);
    expect(await apply({ learned: ['shield-bash'] }, 'not-a-uuid')).toBe('missing');
    expect(await abilities.listLearned('not-a-uuid')).toEqual([]);
  });

  it('keeps one stack per slot: set, replace, empty', async () => {
    const { inventory } = repos();
    await apply({ slots: [{ slot: 2, itemId: 'wolf-pelt', quantity: 3 }] });
    await apply({ slots: [{ slot: 2, itemId: 'wolf-pelt', quantity: 5 }] });
    await apply({ slots: [{ slot: 0, itemId: 'hunting-bow', quantity: 1 }] });
    await apply({ slots: [{ slot: 7, itemId: 'boar-tusk', quantity: 1 }] });
    await apply({ slots: [{ slot: 7, itemId: 'boar-tusk', quantity: 0 }] });
    expect(await inventory.listInventory(characterId)).toEqual([
      { itemId: 'hunting-bow', quantity: 1, slot: 0 },
      { itemId: 'wolf-pelt', quantity: 5, slot: 2 },
    ]);
    await expect(apply({ slots: [{ slot: -1, itemId: 'wolf-pelt', quantity: 1 }] })).rejects.toThrow(RangeError);
  });

  it('the progress handlers write through, and the character comes back with it on login', async () => {
    const writes = new ChangeOutbox({
      changes: repos().changes,
      metrics: new ZoneMetrics(new Registry()),
      logger: createLogger({ level: 'silent', base: {} }),
    });
    const handlers = progressHandlers(writes);
    const origin = { zoneId: 'zone-crossroads' };
    const stats = { strength: 16, agility: 11, intellect: 6, speed: 10 };
    await Promise.all([
      handlers.progress({ kind: 'progress', characterId, level: 2, xp: 150, stats, maxHp: 132, maxStamina: 106, maxMana: 22 }, origin),
      handlers.progress({ kind: 'progress', characterId, level: 3, xp: 310, stats, maxHp: 144, maxStamina: 112, maxMana: 24 }, origin),
      handlers.inventory({ kind: 'inventory', characterId, slot: 1, itemId: 'boar-tusk', quantity: 2 }, origin),
      handlers.ability_learned({ kind: 'ability_learned', characterId, abilityId: 'battle-cry' }, origin),
    ]);
    expect(await writes.flush([characterId], 5_000)).toBe(true);

    const { abilities, inventory, characters } = repos();
    const catalogs = { abilities: new AbilityCatalog(), items: new ItemCatalog() };
    const loaded = await new DatabaseCharacterStore(characters, { abilities, inventory, catalogs }).load(characterId);
    expect(loaded).toMatchObject({ level: 3, xp: 310, maxHp: 144, strength: 16, agility: 11 });
    expect(loaded!.loadout!.abilities.map((a) => a.id).sort()).toEqual(['battle-cry', 'first-aid', 'power-strike', 'shield-bash']);
    expect(loaded!.loadout!.inventory.map((entry) => [entry.slot, entry.name, entry.quantity])).toEqual([
      [0, 'Hunting Bow', 1],
      [1, 'Boar Tusk', 2],
      [2, 'Wolf Pelt', 5],
    ]);
    expect(loaded!.loadout!.weapon).toMatchObject({ name: 'Hunting Bow', range: 30 });
    expect(await repos().changes.applyChange({ id: randomUUID(), characterId: '3f0e7a5c-0000-4000-8000-000000000000', learned: ['battle-cry'] })).toBe(
      'missing',
    );
  });

  it('deleting a character removes its abilities and bags; an item in someone’s bags cannot be deleted', async () => {
    await expect(db.client.item.delete({ where: { id: 'wolf-pelt' } })).rejects.toThrow();
    await db.client.character.delete({ where: { id: characterId } });
    expect(await db.client.characterAbility.count({ where: { characterId } })).toBe(0);
    expect(await db.client.inventoryItem.count({ where: { characterId } })).toBe(0);
  });
});
