import { waitFor } from '@aether/testing';
import { TestClient } from '../../../gateway/test/client.js';
import { createDatabase, type Database } from '../../../shared/src/db/index.js';
import { Cluster } from './cluster.js';
import { startWorld, type World } from './fixtures.js';

const ALL = ['zone-crossroads', 'zone-forest', 'zone-city'];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds until the ability is ready, from the `/ability` listing (0 when ready). */
async function readyIn(client: TestClient, abilityId: string): Promise<number> {
  const listing = client.next('event', (e) => e.text.startsWith('Your abilities:'), 5_000);
  client.socket.emit('command', { text: '/ability' });
  const line = (await listing).text.split('\n').find((text: string) => text.includes(`(${abilityId})`));
  return Number(/ready in ([\d.]+) s/.exec(line ?? '')?.[1] ?? 0);
}

/**
 * The chaos acceptance: the owner of a zone is killed (kill -9) in the
 * middle of a fight, right after a game write committed, and in the middle of
 * an inventory change. After the standby takes over, what was committed is
 * there exactly once, and the fight goes on from the last checkpoint
 * (docs/gameplay.md, "What survives a crossing and a relog"): a 30 s cooldown
 * started before the kill still runs, and loot is in the bags or the window,
 * never both.
 */
describe('chaos: a zone server killed mid-fight', () => {
  let world: World;
  let cluster: Cluster;
  let db: Database;

  /** Creates a character in the crossroads at (x, 100), sets its level or HP (or makes its account admin) in the database, and enters the world with it. */
  async function enterAs(url: string, name: string, { x, level, hp, admin }: { x: number; level?: number; hp?: number; admin?: boolean }) {
    const client = await new TestClient(url, name.toLowerCase()).connected();
    const created = await client.request('character_create', { name, archetype: 'warrior' });
    if (!created.ok) throw new Error(`create ${name}: ${JSON.stringify(created.error)}`);
    const characterId: string = created.character.id;
    await world.place(characterId, 'zone-crossroads', x, 100);
    await db.client.character.update({ where: { id: characterId }, data: { ...(level ? { level } : {}), ...(hp ? { hp } : {}) } });
    if (admin) await db.client.account.update({ where: { username: name.toLowerCase() }, data: { role: 'admin' } });
    const roster = client.next('proximity_roster', () => true, 15_000);
    const selected = await client.request('character_select', { characterId });
    if (!selected.ok) throw new Error(`select ${name}: ${JSON.stringify(selected.error)}`);
    await roster;
    return { client, characterId };
  }

  /** Two zone servers for every zone (the first owns them, the second stands by), a gateway, and the hero in the crossroads. */
  async function ownerStandbyAndHero() {
    const primary = await cluster.zone('zone-primary', ALL);
    await cluster.owns(primary, ALL);
    const standby = await cluster.zone('zone-standby', ALL);
    const gateway = await cluster.gateway('gw-1');
    const { client: heroClient, characterId: heroId } = await enterAs(gateway.url, 'Hero', { x: 60, level: 5, admin: true });
    return { primary, standby, heroClient, heroId };
  }

  /** The hero (an admin) spawns a creature of a species beside itself and attacks it until `done` is told. */
  async function spawnAndKill(hero: TestClient, speciesId: string, name: string, done: RegExp): Promise<void> {
    const spawned = hero.next('event', (e) => e.text.startsWith(`You spawn a level 1 ${name}`), 10_000);
    hero.socket.emit('command', { text: `/spawn ${speciesId}` });
    await spawned;
    const finished = hero.next('event', (e) => done.test(e.text), 45_000);
    await waitFor(
      async () => {
        hero.socket.emit('command', { text: `/attack ${name.toLowerCase()}` });
        return Promise.race([finished.then(() => true), pause(1_500).then(() => false)]);
      },
      { timeoutMs: 45_000, intervalMs: 0, message: `the hero to kill the ${name}` },
    );
  }

  beforeEach(async () => {
    world = await startWorld();
    db = createDatabase(world.databaseUrl, { poolSize: 1 });
    cluster = new Cluster({ REDIS_URL: world.redis.url, DATABASE_URL: world.databaseUrl });
  }, 60_000);

  afterEach(async () => {
    await cluster?.stopAll();
    await db?.close();
    await world?.close();
  }, 30_000);

  it(
    'after the takeover the committed XP is there once, nothing is lost or doubled, and the cooldown still runs',
    async () =>
      cluster.withLogs(async () => {
        // A level-5 warrior (it knows Battle Cry: 30 s cooldown), an admin so it can /spawn a creature to kill:
        // killing players gives no experience (docs/gameplay.md, "Player versus player").
        const { primary, standby, heroClient, heroId } = await ownerStandbyAndHero();
        try {
          const learnedBefore = await learned(db, heroId);

          // The fight: kill a wolf (experience, and maybe loot, written through the fenced outbox)…
          await spawnAndKill(heroClient, 'wolf', 'Grey wolf', /You gain \d+ experience/);
          let xp = 0;
          await waitFor(async () => (xp = (await db.client.character.findUniqueOrThrow({ where: { id: heroId } })).xp) > 0, {
            timeoutMs: 10_000,
            message: 'the experience committed to PostgreSQL',
          });
          // The kill's loot is committed with its experience (one change set).
          const bagsBefore = await bags(db, heroId);

          // …and a Battle Cry, whose 30 s cooldown must outlive the takeover.
          await waitFor(
            async () => {
              heroClient.socket.emit('command', { text: '/ability battle-cry' });
              await pause(500);
              return (await readyIn(heroClient, 'battle-cry')) > 25;
            },
            { timeoutMs: 15_000, intervalMs: 0, message: 'Battle Cry to be used' },
          );
          // One checkpoint (every second here) after it, the owner dies.
          await pause(1_500);
          const resumed = heroClient.next('world_enter', () => true, 40_000);
          const killedAt = Date.now();
          primary.kill('SIGKILL');
          await cluster.owns(standby, ALL, 40_000);
          const enter = await resumed;
          console.log(`owner killed mid-fight: the hero was back after ${Date.now() - killedAt} ms`);

          // Nothing committed lost, nothing doubled.
          const row = await db.client.character.findUniqueOrThrow({ where: { id: heroId } });
          expect({ xp: row.xp, level: row.level }).toEqual({ xp, level: 5 });
          expect(enter.character).toMatchObject({ id: heroId });
          const entered = heroClient.received.lastIndexOf(heroClient.received.findLast((r) => r.event === 'world_enter')!);
          const shown = () => heroClient.received.slice(entered).find((r) => r.event === 'state_update' && (r.data as any).character?.xp !== undefined);
          await waitFor(() => shown() !== undefined, { timeoutMs: 5_000, message: 'the hero’s experience shown again' });
          expect((shown()!.data as any).character.xp).toBe(xp);
          expect(await bags(db, heroId)).toEqual(bagsBefore);
          expect(await learned(db, heroId)).toEqual(learnedBefore);

          // The fight goes on: Battle Cry is still cooling down on the new owner, and using it is refused.
          expect(await readyIn(heroClient, 'battle-cry')).toBeGreaterThan(0);
          const refused = heroClient.next('error', (e) => /Battle Cry is ready in/.test(e.message), 5_000);
          heroClient.socket.emit('command', { text: '/ability battle-cry' });
          await refused;
        } finally {
          heroClient.close();
        }
      }),
    120_000,
  );
  it(
    'killed while loot moves into the bags: every item is in the bags or the loot window, exactly once',
    async () =>
      cluster.withLogs(async () => {
        const { primary, standby, heroClient, heroId } = await ownerStandbyAndHero();
        try {
          // A boar always leaves a pelt (shared/src/db/seed-inhabitants.ts): the kill opens a loot window.
          await spawnAndKill(heroClient, 'boar', 'Wild boar', /leaves loot/);
          let window: { items: Array<{ itemId: string; quantity: number }> } | null = null;
          await waitFor(async () => (window = (await db.client.character.findUniqueOrThrow({ where: { id: heroId } })).lootWindow as never) !== null, {
            timeoutMs: 10_000,
            message: 'the loot window committed to PostgreSQL',
          });
          const bagsBefore = totals(await bags(db, heroId));
          const expected = new Map(bagsBefore);
          for (const drop of window!.items) expected.set(drop.itemId, (expected.get(drop.itemId) ?? 0) + drop.quantity);

          // /loot, and the owner dies the moment the move is committed: before any checkpoint after it.
          const resumed = heroClient.next('world_enter', () => true, 40_000);
          heroClient.socket.emit('command', { text: '/loot' });
          await waitFor(async () => !sameTotals(totals(await bags(db, heroId)), bagsBefore), {
            timeoutMs: 10_000,
            intervalMs: 5,
            message: 'the loot committed to the bags',
          });
          primary.kill('SIGKILL');
          await cluster.owns(standby, ALL, 40_000);
          await resumed;

          // Whatever the standby restored, taking the loot again cannot add anything twice.
          heroClient.socket.emit('command', { text: '/loot' });
          await waitFor(async () => (await db.client.character.findUniqueOrThrow({ where: { id: heroId } })).lootWindow === null, {
            timeoutMs: 10_000,
            message: 'no loot window left',
          });
          await pause(500);
          expect(Object.fromEntries(totals(await bags(db, heroId)))).toEqual(Object.fromEntries(expected));
        } finally {
          heroClient.close();
        }
      }),
    120_000,
  );
});

/** Quantity held of each item, over all slots. */
function totals(rows: Array<{ itemId: string; quantity: number }>): Map<string, number> {
  const sum = new Map<string, number>();
  for (const row of rows) sum.set(row.itemId, (sum.get(row.itemId) ?? 0) + row.quantity);
  return sum;
}

function sameTotals(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([itemId, quantity]) => b.get(itemId) === quantity);
}

/** The character's bags, slot by slot: a doubled write would show as a second row or a grown stack. */
function bags(db: Database, characterId: string) {
  return db.client.inventoryItem.findMany({ where: { characterId }, orderBy: { slot: 'asc' }, select: { slot: true, itemId: true, quantity: true } });
}

function learned(db: Database, characterId: string) {
  return db.client.characterAbility.findMany({ where: { characterId }, orderBy: { abilityId: 'asc' }, select: { abilityId: true } });
}
