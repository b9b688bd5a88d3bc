import {
  createDatabase,
  PrismaAccountRepository,
  PrismaCharacterChangeRepository,
  PrismaCharacterRepository,
  PrismaModerationRepository,
  PrismaNpcRepository,
  PrismaZoneRepository,
  seedAll,
  type CharacterChangeSet,
  type Database,
} from '@aether/shared/db';
import { createLogger } from '@aether/shared/observability';
import { createTestDatabase, type TestDatabase } from '@aether/testing';
import { Registry } from 'prom-client';
import { standingCreature } from '../src/combat/combat-fixtures.test-helpers.js';
import { defaultCommands } from '../src/commands/execute.js';
import { combatGame } from '../src/game/combat-game.js';
import { economyGame } from '../src/game/economy-game.js';
import { npcsByZone } from '../src/npc/catalog.js';
import { NpcSystem } from '../src/npc/npc-system.js';
import { DatabaseCharacterStore, DatabaseZoneCatalog } from '../src/persistence/database-stores.js';
import { ChangeOutbox } from '../src/persistence/outbox/change-outbox.js';
import { DEFAULT_RULES } from '../src/rules/rules.js';
import { EffectRouter } from '../src/server/effects/effect-router.js';
import { ZoneMetrics } from '../src/server/metrics.js';
import { playerEntityId, ZoneRuntime } from '../src/server/zone-runtime.js';
import type { Effect } from '../src/world/effects.js';

const logger = createLogger({ level: 'silent', base: {} });
const DT = 1 / 20;

/**
 * Vendors and quests against a real PostgreSQL (the integration harness's):
 * the game as createZoneHost assembles it (combat, economy, NPCs from the
 * database), driven through ZoneRuntime, its effects through the handlers and
 * the fenced outbox, and each character reloaded from the database (a relog).
 */
describe('vendors and quests, persisted', () => {
  let testDb: TestDatabase;
  let db: Database;
  let characterId: string;
  let writes: ChangeOutbox;
  let applied: CharacterChangeSet[];
  let game: Awaited<ReturnType<typeof setUp>>;

  async function setUp() {
    const combat = await combatGame({ database: db, logger, writes });
    const economy = await economyGame({ database: db, logger, writes, catalogs: combat.sources.catalogs });
    const npcs = npcsByZone(await new PrismaNpcRepository(db.client).listNpcs(), () => {});
    const zones = await new DatabaseZoneCatalog(new PrismaZoneRepository(db.client)).listZones();
    const characters = new DatabaseCharacterStore(
      new PrismaCharacterRepository(db.client),
      combat.sources,
      new PrismaModerationRepository(db.client),
      Date.now,
      economy.quests,
    );
    const router = new EffectRouter({ ...combat.effectHandlers, ...economy.effectHandlers }, logger);
    const commands = defaultCommands(combat.commands, economy.commands);
    /** A zone as the host runs it, with the character in it. */
    const enter = async (zoneId: string) => {
      const zone = zones.find((candidate) => candidate.id === zoneId)!;
      const systems = [new NpcSystem(npcs.get(zoneId) ?? []), ...combat.systems(), ...economy.systems()];
      const runtime = new ZoneRuntime(zone, { rules: DEFAULT_RULES, commands, systems, random: () => 0.5, now: Date.now });
      const character = await characters.load(characterId);
      runtime.join(character!, 'gateway-1', 'session-1');
      const effects: Effect[] = [];
      const tick = async (ticks = 1, ...commandLines: string[]) => {
        for (const text of commandLines) runtime.enqueue({ kind: 'command', entityId: playerEntityId(characterId), text });
        for (let i = 0; i < ticks; i++) {
          const result = runtime.tick(DT, () => {});
          effects.push(...result.effects);
          await Promise.all(router.carryOut({ zoneId }, result.effects));
        }
      };
      await tick(2);
      return { runtime, effects, tick };
    };
    return { characters, enter };
  }

  const placeCharacter = (zoneId: string, x: number, y: number, coins: number) =>
    db.client.character.update({ where: { id: characterId }, data: { zoneId, x, y, coins } });

  beforeAll(async () => {
    testDb = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    db = createDatabase(testDb.url, { poolSize: 4 });
    await seedAll(db);
    const account = await new PrismaAccountRepository(db.client).findOrCreateByUsername('trader');
    characterId = (
      await new PrismaCharacterRepository(db.client).create(account.id, {
        name: 'Trader',
        archetype: 'warrior',
        stats: { strength: 14, agility: 10, intellect: 6, speed: 10 },
      })
    ).id;
    applied = [];
    const changes = new PrismaCharacterChangeRepository(db.client);
    writes = new ChangeOutbox({
      changes: {
        applyChange: (change, fence) => {
          applied.push(change);
          return changes.applyChange(change, fence);
        },
      },
      metrics: new ZoneMetrics(new Registry()),
      logger,
    });
    game = await setUp();
  }, 60_000);

  afterAll(async () => {
    await writes?.stop(5_000);
    await db?.close();
    await testDb?.drop();
  });

  it('buying and selling change bags and coins in one change set, and both survive a relog', async () => {
    await placeCharacter('zone-city', 333, 100, 100);
    const city = await game.enter('zone-city');
    applied.length = 0;
    await city.tick(1, '/buy healing draught 2');
    expect(await writes.flush([characterId], 5_000)).toBe(true);
    expect(applied).toEqual([expect.objectContaining({ slots: [{ slot: 1, itemId: 'healing-draught', quantity: 2 }], coins: 84 })]);

    await city.tick(1, '/sell healing draught');
    await city.tick(1, '/buy rope 3');
    expect(await writes.flush([characterId], 5_000)).toBe(true);
    city.runtime.leave(characterId);

    const back = await game.characters.load(characterId);
    expect(back!.coins).toBe(84 + 4 - 3 * 2);
    expect(back!.loadout!.inventory.map((entry) => [entry.slot, entry.itemId, entry.quantity])).toEqual([
      [1, 'healing-draught', 1],
      [2, 'rope', 3],
    ]);
  });

  it('a quest is accepted, advanced by a kill, turned in for its reward, and the log survives each relog', async () => {
    await placeCharacter('zone-crossroads', 106, 104, 0);
    let crossroads = await game.enter('zone-crossroads');
    await crossroads.tick(1, '/accept boar bounty');
    const boar = standingCreature(
      {
        id: 'w:test-boar.0.1',
        name: 'Wild boar',
        x: 107,
        y: 104,
        wildlife: { ruleId: 'test-boar', speciesId: 'boar', slot: 0, level: 1, spawnLevel: 1, bornAt: 0, mode: { kind: 'rest', until: 1e9 } },
      },
      {
        stats: { strength: 1, agility: 1, intellect: 1, speed: 1 },
        hp: 1,
        weapon: { name: 'tusks', delay: 3, minDamage: 1, maxDamage: 1, range: 1 },
        options: { xpValue: 0 },
      },
    );
    crossroads.runtime.enqueue({ kind: 'join', entity: boar });
    await crossroads.tick(1, '/attack wild boar');
    for (let i = 0; i < 200 && !crossroads.effects.some((effect) => effect.kind === 'quest' && effect.progress === 1); i++) await crossroads.tick();
    expect(await writes.flush([characterId], 5_000)).toBe(true);
    crossroads.runtime.leave(characterId);
    expect((await game.characters.load(characterId))!.quests).toEqual([{ questId: 'boar-bounty', status: 'active', progress: 1 }]);

    crossroads = await game.enter('zone-crossroads');
    applied.length = 0;
    await crossroads.tick(1, '/turnin boar bounty');
    expect(await writes.flush([characterId], 5_000)).toBe(true);
    // The reward and the quest's end commit together.
    expect(applied).toEqual([
      expect.objectContaining({
        slots: [{ slot: 3, itemId: 'tusker-boots', quantity: 1 }],
        coins: 10,
        quests: [{ questId: 'boar-bounty', status: 'done', progress: 1 }],
        progress: expect.objectContaining({ xp: 25 }),
      }),
    ]);
    crossroads.runtime.leave(characterId);

    const back = await game.characters.load(characterId);
    expect(back).toMatchObject({ coins: 10, xp: 25, quests: [{ questId: 'boar-bounty', status: 'done', progress: 1 }] });
    expect(back!.loadout!.inventory.map((entry) => entry.itemId)).toContain('tusker-boots');

    // Done and not repeatable: not offered, not taken again.
    crossroads = await game.enter('zone-crossroads');
    await crossroads.tick(1, '/accept boar bounty', '/abandon boar bounty');
    expect(crossroads.effects.filter((effect) => effect.kind === 'quest')).toEqual([]);
    crossroads.runtime.leave(characterId);
  });
});
