import { waitFor } from '@aether/testing';
import { TestClient } from '../../../gateway/test/client.js';
import { createDatabase, type Database } from '../../../shared/src/db/index.js';
import { Cluster } from './cluster.js';
import { playerAt, startWorld, type World } from './fixtures.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a `state_update` shows a slow on the fighter. */
const showsSlow = (data: any) => (data?.combat?.effects ?? []).some((effect: { kind: string }) => effect.kind === 'slow');

/**
 * A fighter walks over a border from one zone server process to another in
 * the middle of a fight: its cooldown and the debuff on it go along
 * (docs/gameplay.md, "What survives a crossing and a relog").
 */
describe('distributed mode: combat state crosses to another server', () => {
  let world: World;
  let cluster: Cluster;
  let gateway: { url: string };
  let db: Database;

  beforeAll(async () => {
    world = await startWorld();
    db = createDatabase(world.databaseUrl, { poolSize: 1 });
    cluster = new Cluster({ REDIS_URL: world.redis.url, DATABASE_URL: world.databaseUrl });
    await cluster.withLogs(async () => {
      const [east, west] = await Promise.all([cluster.zone('zone-east', ['zone-crossroads']), cluster.zone('zone-west', ['zone-forest', 'zone-city'])]);
      await Promise.all([cluster.owns(east, ['zone-crossroads']), cluster.owns(west, ['zone-forest', 'zone-city'])]);
      gateway = await cluster.gateway('gw-1');
    });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stopAll();
    await db?.close();
    await world?.close();
  });

  it(
    'a cooldown and a slow survive a border crossing between zone servers',
    async () =>
      cluster.withLogs(async () => {
        const victim = await playerAt(world, gateway.url, 'Vic', { zoneId: 'zone-crossroads', x: 6, y: 100 });
        // A level-3 ranger next to it, for Crippling Shot (a slow).
        const ranger = await new TestClient(gateway.url, 'archer').connected();
        const created = await ranger.request('character_create', { name: 'Archer', archetype: 'ranger' });
        if (!created.ok) throw new Error(`create Archer: ${JSON.stringify(created.error)}`);
        await db.client.character.update({ where: { id: created.character.id }, data: { level: 3 } });
        await world.place(created.character.id, 'zone-crossroads', 12, 100);
        const rangerIn = ranger.next('proximity_roster', () => true, 15_000);
        expect((await ranger.request('character_select', { characterId: created.character.id })).ok).toBe(true);
        await rangerIn;

        try {
          // Both gauges fill to 30 in 1.5 s; First Aid takes 2 s to cast and is then on a 20 s cooldown.
          await pause(2_000);
          const healed = victim.client.next('event', (e) => e.text.startsWith('Your First Aid heals you'), 5_000);
          victim.client.socket.emit('command', { text: '/ability first-aid' });
          await healed;
          // The crossroads is a duel zone (docs/gameplay.md, "Player versus player"): they fight in a duel.
          const challenged = victim.client.next('event', (e) => e.text.startsWith('Archer challenges you to a duel'), 5_000);
          ranger.socket.emit('command', { text: '/duel Vic' });
          await challenged;
          const accepted = ranger.next('event', (e) => e.text.startsWith('Vic accepts your challenge'), 5_000);
          victim.client.socket.emit('command', { text: '/duel accept' });
          await accepted;
          const slowed = victim.client.next('state_update', showsSlow, 5_000);
          ranger.socket.emit('command', { text: '/ability crippling-shot Vic' });
          await slowed;

          // Over x = 0: zone-crossroads (zone-east) hands the victim to zone-forest (zone-west).
          const entered = victim.client.next('world_enter', (data) => data.zone.id === 'zone-forest', 10_000);
          victim.client.socket.emit('move', { heading: 270, speed: 5 });
          await entered;
          const arrivedAt = victim.client.received.length;
          victim.client.socket.emit('move', { stop: true });

          // The forest's first combat view already shows the slow; the cooldown still runs there.
          await waitFor(() => victim.client.received.slice(arrivedAt - 1).some((r) => r.event === 'state_update' && (r.data as any).combat), {
            timeoutMs: 5_000,
            message: 'the combat view in the forest',
          });
          const view = victim.client.received.slice(arrivedAt - 1).find((r) => r.event === 'state_update' && (r.data as any).combat)!;
          expect(showsSlow(view.data)).toBe(true);
          const listing = victim.client.next('event', (e) => e.text.startsWith('Your abilities:'), 5_000);
          victim.client.socket.emit('command', { text: '/ability' });
          const firstAid = (await listing).text.split('\n').find((line: string) => line.includes('(first-aid)'));
          expect(Number(/ready in ([\d.]+) s/.exec(firstAid ?? '')?.[1] ?? 0)).toBeGreaterThan(10);
        } finally {
          victim.client.close();
          ranger.close();
        }
      }),
    90_000,
  );
});
