import { TestClient } from '../../../gateway/test/client.js';
import { waitFor } from '@aether/testing';
import { Cluster, type Service } from './cluster.js';
import { playerAt, startWorld, type World } from './fixtures.js';

const ALL = ['zone-crossroads', 'zone-forest', 'zone-city'];
const ROUNDS = 5;

/**
 * A character moves from gateway A to gateway B (the player reconnected
 * elsewhere and selected it again): B joins it under a new session id and
 * evicts A's connection through the Socket.IO Redis adapter; A's
 * disconnect then sends a `player.leave` naming A's session, which often
 * reaches the zone after B's join. The zone must ignore that stale leave
 * (zone-host.ts), or the character B just joined is pulled out of the world.
 */
describe('distributed mode: a character moving to another gateway', () => {
  let world: World;
  let cluster: Cluster;
  let zone: Service;
  let gatewayA: Service;
  let gatewayB: Service;

  beforeAll(async () => {
    world = await startWorld();
    cluster = new Cluster({ REDIS_URL: world.redis.url, DATABASE_URL: world.databaseUrl });
    zone = await cluster.zone('zone-all', ALL);
    await cluster.owns(zone, ALL);
    [gatewayA, gatewayB] = await Promise.all([cluster.gateway('gw-a'), cluster.gateway('gw-b')]);
  }, 90_000);

  afterAll(async () => {
    await cluster?.stopAll();
    await world?.close();
  });

  it(
    `the old gateway's late player.leave does not pull out the character the new gateway joined (${ROUNDS} rounds)`,
    async () =>
      cluster.withLogs(async () => {
        const clients: TestClient[] = [];
        try {
          for (let round = 0; round < ROUNDS; round += 1) {
            const name = `Mover${round}`;
            const before = await playerAt(world, gatewayA.url, name, { zoneId: 'zone-crossroads', x: 100 + round * 4, y: 100 });
            clients.push(before.client);
            const evicted = before.client.next('error', (e) => e.code === 'already_in_world', 10_000);

            const after = await new TestClient(gatewayB.url, name.toLowerCase()).connected();
            clients.push(after);
            const entered = after.next('world_enter', () => true, 10_000);
            const selected = await after.request('character_select', { characterId: before.characterId });
            expect(selected.ok).toBe(true);
            await entered;
            await evicted;
            // Time for gateway A's leave (sent on its socket's disconnect) to reach the zone, whenever it does.
            await new Promise((resolve) => setTimeout(resolve, 1_500));

            // Still in the world through gateway B: the zone simulates its moves.
            const moving = after.next('state_update', (u) => u.character?.moving === true, 5_000);
            after.socket.emit('move', { heading: 90, speed: 3 });
            await moving;
            after.socket.emit('move', { stop: true });
            await waitFor(async () => (await zone.health()).players === round + 1, { timeoutMs: 5_000, message: `${round + 1} players in the zone` });
          }
        } finally {
          for (const client of clients) client.close();
        }
      }),
    120_000,
  );
});
