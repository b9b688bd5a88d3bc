import { startRedisServer, waitFor } from '@aether/testing';
import { TestClient } from '../../../gateway/test/client.js';
import { Cluster, type Service } from './cluster.js';
import { playerAt, startWorld, type World } from './fixtures.js';

const ALL = ['zone-crossroads', 'zone-forest', 'zone-city'];

/**
 * Failure drills on real processes. Each prints its measured recovery time.
 * Timings use the production defaults: heartbeat/lease TTL 15 s, renewal
 * every 5 s; checkpoints every second here.
 */
describe('chaos', () => {
  let world: World;
  let cluster: Cluster;

  beforeEach(async () => {
    world = await startWorld();
    cluster = new Cluster({ REDIS_URL: world.redis.url, DATABASE_URL: world.databaseUrl });
  }, 60_000);

  afterEach(async () => {
    await cluster.stopAll();
    await world.close();
  }, 30_000);

  async function primaryAndStandby(): Promise<{ primary: Service; standby: Service }> {
    const primary = await cluster.zone('zone-primary', ALL);
    await cluster.owns(primary, ALL);
    const standby = await cluster.zone('zone-standby', ALL);
    return { primary, standby };
  }

  it(
    'kill -9 of a zone server: the standby owns its zones within the lease TTL, players resume, positions lose at most a checkpoint',
    async () =>
      cluster.withLogs(async () => {
        const { primary, standby } = await primaryAndStandby();
        const gateway = await cluster.gateway('gw-1');
        const player = await playerAt(world, gateway.url, 'Walker', { zoneId: 'zone-crossroads', x: 50, y: 50 });
        const arrived = player.client.next('state_update', (u) => u.character?.moving === false, 10_000);
        player.client.socket.emit('move', { target: { x: 60, y: 50 } });
        await arrived;
        await waitFor(async () => (await world.position(player.characterId)).x === 60, { timeoutMs: 5_000, message: 'a checkpoint at x=60' });

        const killedAt = Date.now();
        primary.kill('SIGKILL');
        const resumed = player.client.next('world_enter', () => true, 40_000);
        await cluster.owns(standby, ALL, 40_000);
        const ownedAfter = Date.now() - killedAt;
        const enter = await resumed;
        const resumedAfter = Date.now() - killedAt;
        console.log(`zone server killed: zones owned again after ${ownedAfter} ms, player resumed after ${resumedAfter} ms (lease TTL 15000 ms)`);
        expect(ownedAfter).toBeLessThan(15_000 + 5_000);
        expect(player.client.socket.connected).toBe(true);
        expect(enter.character).toMatchObject({ x: 60, y: 50, zoneId: 'zone-crossroads' });

        // The resumed player plays on: moves are simulated by the new owner.
        const moving = player.client.next('state_update', (u) => u.character?.moving === true && u.character.x > 60, 5_000);
        player.client.socket.emit('move', { heading: 90, speed: 5 });
        await moving;
        player.client.close();
      }),
    90_000,
  );

  it(
    'a frozen owner that comes back is fenced: it stops the zone and its writes are refused',
    async () =>
      cluster.withLogs(async () => {
        const { primary, standby } = await primaryAndStandby();
        const gateway = await cluster.gateway('gw-1');
        const player = await playerAt(world, gateway.url, 'Fenced', { zoneId: 'zone-crossroads', x: 20, y: 20 });

        const resumed = player.client.next('world_enter', () => true, 40_000);
        primary.kill('SIGSTOP');
        const frozenAt = Date.now();
        await cluster.owns(standby, ALL, 40_000);
        console.log(`owner frozen: standby owns the zones after ${Date.now() - frozenAt} ms`);
        await resumed;
        const arrived = player.client.next('state_update', (u) => u.character?.moving === false, 10_000);
        player.client.socket.emit('move', { target: { x: 30, y: 20 } });
        await arrived;
        await waitFor(async () => (await world.position(player.characterId)).x === 30, { timeoutMs: 5_000, message: 'the new owner to checkpoint' });

        const thawedAt = Date.now();
        primary.kill('SIGCONT');
        await cluster.owns(primary, [], 20_000);
        console.log(`stale owner thawed: it gave up its zones after ${Date.now() - thawedAt} ms`);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        // The stale owner still believed the player stood at x=20; that must not have landed.
        expect((await world.position(player.characterId)).x).toBe(30);
        expect(primary.logs()).toMatch(/lease lost|fenced off/);
        player.client.close();
      }),
    90_000,
  );

  it(
    'gateway killed: its client resumes on the other gateway with its resume token, without a duplicate',
    async () =>
      cluster.withLogs(async () => {
        const zone = await cluster.zone('zone-all', ALL);
        await cluster.owns(zone, ALL);
        const [first, second] = await Promise.all([cluster.gateway('gw-a'), cluster.gateway('gw-b')]);
        const watcher = await playerAt(world, second.url, 'Watcher', { zoneId: 'zone-crossroads', x: 100, y: 100 });
        const player = await playerAt(world, first.url, 'Roamer', { zoneId: 'zone-crossroads', x: 105, y: 100 });
        expect(player.resumeToken).toEqual(expect.any(String));

        const killedAt = Date.now();
        first.kill('SIGKILL');
        // What a client does when its gateway vanishes: reconnect (behind a load balancer: to another gateway) and resume.
        const again = await new TestClient(second.url, 'roamer', { resume: player.resumeToken }).connected();
        const enter = await again.next('world_enter', () => true, 10_000);
        console.log(`gateway killed: client back in the world through the other gateway after ${Date.now() - killedAt} ms`);
        expect(enter.character).toMatchObject({ id: player.characterId, x: 105, y: 100 });

        const health = await zone.health();
        expect(health.players).toBe(2);
        const heard = watcher.client.next('event', (e) => e.text.includes('back again'), 5_000);
        again.socket.emit('command', { text: 'back again' });
        expect((await heard).text).toBe('Roamer says, "back again"');
        again.close();
        watcher.client.close();
      }),
    60_000,
  );

  it(
    'Redis restarts empty: every process reconnects and re-registers, nobody exits, play goes on',
    async () =>
      cluster.withLogs(async () => {
        const zone = await cluster.zone('zone-all', ALL);
        await cluster.owns(zone, ALL);
        const gateway = await cluster.gateway('gw-1');
        const player = await playerAt(world, gateway.url, 'Steady', { zoneId: 'zone-crossroads', x: 100, y: 100 });

        const port = world.redis.port;
        await world.redis.stop();
        const downAt = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        world.redis = await startRedisServer({ port });
        const upAt = Date.now();

        const moved = player.client.next('state_update', (u) => u.character?.moving === true, 20_000);
        await waitFor(
          async () => {
            player.client.socket.emit('move', { heading: 0, speed: 3 });
            return Promise.race([moved.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 500))]);
          },
          { timeoutMs: 20_000, intervalMs: 0, message: 'moves to flow again' },
        );
        const playAgain = Date.now() - upAt;
        await waitFor(async () => (await (await fetch(`${gateway.opsUrl}/api/servers`)).json()).servers.length === 2, {
          timeoutMs: 10_000,
          message: 'both servers to heartbeat again',
        });
        const registered = Date.now() - upAt;
        await waitFor(async () => (await (await fetch(`${gateway.opsUrl}/api/zones`)).json()).zones.every((z: any) => z.simulatedBy === 'zone-all'), {
          timeoutMs: 10_000,
          message: 'leases to be re-registered',
        });
        console.log(`Redis down ${upAt - downAt} ms: play resumed ${playAgain} ms and heartbeats re-registered ${registered} ms after it came back`);
        expect(zone.process.exitCode).toBeNull();
        expect(gateway.process.exitCode).toBeNull();
        expect(player.client.socket.connected).toBe(true);
        player.client.close();
      }),
    60_000,
  );
});
