import {
  createDatabase,
  NotFoundError,
  PrismaAbilityRepository,
  PrismaAccountRepository,
  PrismaCharacterRepository,
  PrismaInventoryRepository,
  PrismaItemRepository,
  PrismaProgressRepository,
  SEED_ABILITIES,
  SEED_ITEMS,
  seedCombat,
  seedWorld,
  type Database,
} from '@aether/shared/db';
import { createTestDatabase, type TestDatabase } from '@aether/testing';
import { AbilityCatalog } from '../src/combat/abilities/ability-catalog.js';
import { abilityToRecord } from '../src/combat/abilities/ability-record.js';
import { DEFAULT_ABILITIES } from '../src/combat/abilities/default-abilities.js';
import { DEFAULT_ITEMS } from '../src/combat/items/default-items.js';
import { ItemCatalog } from '../src/combat/items/item-catalog.js';
import { DatabaseCharacterStore } from '../src/persistence/database-stores.js';
import { progressHandlers } from '../src/server/effects/progress.js';

/** Combat content and progress against a real PostgreSQL (the integration harness's). */
describe('combat persistence', () => {
  let testDb: TestDatabase;
  let db: Database;
  let characterId: string;
  const repos = () => ({
    abilities: new PrismaAbilityRepository(db.client),
    items: new PrismaItemRepository(db.client),
    inventory: new PrismaInventoryRepository(db.client),
    progress: new PrismaProgressRepository(db.client),
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

  it('records learned abilities once, and refuses unknown ones', async () => {
    const { abilities } = repos();
    await abilities.learn(characterId, 'shield-bash');
    await abilities.learn(characterId, 'shield-bash');
    expect(await abilities.listLearned(characterId)).toEqual(['shield-bash']);
    await expect(abilities.learn(characterId, 'no-such-ability')).rejects.toBeInstanceOf(NotFoundError);
    await expect(abilities.learn('not-a-uuid', 'shield-bash')).rejects.toBeInstanceOf(NotFoundError);
    expect(await abilities.listLearned('not-a-uuid')).toEqual([]);
  });

  it('keeps one stack per slot: set, replace, empty', async () => {
    const { inventory } = repos();
    await inventory.setSlot(characterId, 2, 'wolf-pelt', 3);
    await inventory.setSlot(characterId, 2, 'wolf-pelt', 5);
    await inventory.setSlot(characterId, 0, 'hunting-bow', 1);
    await inventory.setSlot(characterId, 7, 'boar-tusk', 1);
    await inventory.setSlot(characterId, 7, 'boar-tusk', 0);
    expect(await inventory.listInventory(characterId)).toEqual([
      { itemId: 'hunting-bow', quantity: 1, slot: 0 },
      { itemId: 'wolf-pelt', quantity: 5, slot: 2 },
    ]);
    await expect(inventory.setSlot(characterId, 3, 'no-such-item', 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(inventory.setSlot(characterId, -1, 'wolf-pelt', 1)).rejects.toThrow(RangeError);
  });

  it('the progress handlers write through, and the character comes back with it on login', async () => {
    const handlers = progressHandlers(repos());
    const origin = { zoneId: 'zone-crossroads' };
    const stats = { strength: 16, agility: 11, intellect: 6, speed: 10 };
    await Promise.all([
      handlers.progress({ kind: 'progress', characterId, level: 2, xp: 150, stats, maxHp: 132, maxStamina: 106, maxMana: 22 }, origin),
      handlers.progress({ kind: 'progress', characterId, level: 3, xp: 310, stats, maxHp: 144, maxStamina: 112, maxMana: 24 }, origin),
      handlers.inventory({ kind: 'inventory', characterId, slot: 1, itemId: 'boar-tusk', quantity: 2 }, origin),
      handlers.ability_learned({ kind: 'ability_learned', characterId, abilityId: 'battle-cry' }, origin),
    ]);

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
    expect(await repos().progress.saveProgress('3f0e7a5c-0000-4000-8000-000000000000', { level: 1, xp: 0, stats, maxHp: 1, maxStamina: 1, maxMana: 1 })).toBe(
      false,
    );
  });

  it('deleting a character removes its abilities and bags; an item in someone’s bags cannot be deleted', async () => {
    await expect(db.client.item.delete({ where: { id: 'wolf-pelt' } })).rejects.toThrow();
    await db.client.character.delete({ where: { id: characterId } });
    expect(await db.client.characterAbility.count({ where: { characterId } })).toBe(0);
    expect(await db.client.inventoryItem.count({ where: { characterId } })).toBe(0);
  });
});
