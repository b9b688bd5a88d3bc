import { Channels, Keys } from '@aether/shared';
import { RedisBus } from '@aether/shared/bus/redis';
import { waitFor } from '@aether/testing';
import { Cluster, type Service } from './cluster.js';
import { type ClusterWorld, playerAt, startClusterWorld } from './fixtures.js';

const EAST = ['zone-crossroads'];
const WEST = ['zone-forest', 'zone-city'];
const ALL = [...EAST, ...WEST];

/**
 * A Redis Cluster master dies (kill -9) during play: its replica is promoted
 * (cluster-node-timeout 2 s here; Redis's default is 15 s) and the game goes
 * on. Prints how long the promotion and the first move afterwards took.
 */
describe('Redis Cluster failover during play', () => {
  let world: ClusterWorld;
  let cluster: Cluster;

  beforeAll(async () => {
    world = await startClusterWorld({ nodeTimeoutMs: 2_000 });
    cluster = new Cluster({ ...world.redisEnv, DATABASE_URL: world.databaseUrl });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stopAll();
    await world?.close();
  }, 30_000);

  it(
    "kill -9 of the master holding a zone's input channel: the replica takes over, no zone changes owner, moves arrive again",
    async () =>
      cluster.withLogs(async () => {
        const [east, west] = await Promise.all([cluster.zone('zone-east', EAST), cluster.zone('zone-west', WEST)]);
        await Promise.all([cluster.owns(east, EAST), cluster.owns(west, WEST)]);
        const [gw1, gw2] = await Promise.all([cluster.gateway('gw-1'), cluster.gateway('gw-2')]);
        const walker = await playerAt(world, gw1.url, 'Walker', { zoneId: 'zone-crossroads', x: 50, y: 50 });
        const stroller = await playerAt(world, gw2.url, 'Stroller', { zoneId: 'zone-forest', x: -50, y: 50 });
        // Both walk in circles of small steps for the whole test: play goes on while the master dies.
        const walking = setInterval(() => {
          walker.client.socket.emit('move', { heading: Math.floor(Math.random() * 360), speed: 2 });
          stroller.client.socket.emit('move', { heading: Math.floor(Math.random() * 360), speed: 2 });
        }, 250);

        const registry = new RedisBus({ source: 'failover-test', url: world.redisEnv.REDIS_URL, cluster: true });
        const leases = async () => Promise.all(ALL.map(async (zoneId) => [zoneId, await registry.get(Keys.zoneLease(zoneId))] as const));
        // Who simulates what, sampled from the zone servers themselves all through the failover.
        const owners = async (service: Service) => ((await service.health().catch(() => null))?.zones ?? null) as string[] | null;
        const samples: Array<{ at: number; east: string[] | null; west: string[] | null }> = [];
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            const [e, w] = await Promise.all([owners(east), owners(west)]);
            samples.push({ at: Date.now(), east: e, west: w });
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        })();

        try {
          const before = await leases();
          expect(before.every(([, lease]) => lease !== null)).toBe(true);

          const victim = await world.redisCluster.masterOf(Channels.zoneInput('zone-crossroads'));
          const { port, killedAt } = await world.redisCluster.killMaster(victim);
          // Promoted: every slot served by a live master again, and the cluster says ok everywhere.
          await waitFor(async () => (await world.redisCluster.masters()).every((master) => master.port !== port), {
            timeoutMs: 30_000,
            intervalMs: 50,
            message: 'a replica to be promoted in place of the killed master',
          });
          const promotedAfter = Date.now() - killedAt;

          // Moves sent now reach zone-crossroads (its input channel is on the promoted replica) and come back simulated.
          // First a stop, unless the walker already stands (its last reported state); then a walk, which must change
          // `moving` and so must be reported. Each is sent again until it shows: pub/sub is at-most-once while the
          // subscription moves to the new master.
          clearInterval(walking);
          const lastMoving = () =>
            (walker.client.received as Array<{ event: string; data: any }>).findLast(
              (r) => r.event === 'state_update' && r.data.character?.moving !== undefined,
            )?.data.character.moving;
          const sendUntil = async (move: object, moving: boolean, what: string) =>
            waitFor(
              async () => {
                if (lastMoving() === moving) return true;
                const seen = walker.client.next('state_update', (u) => u.character?.moving === moving, 1_000);
                walker.client.socket.emit('move', move);
                return seen.then(() => true);
              },
              { timeoutMs: 30_000, intervalMs: 100, message: what },
            );
          await sendUntil({ stop: true }, false, 'the walker to stand after the promotion');
          await sendUntil({ heading: 90, speed: 5 }, true, 'a walk to be simulated after the promotion');
          const moveArrivedAfter = Date.now() - killedAt;
          await world.redisCluster.untilHealthy(30_000);
          const healthyAfter = Date.now() - killedAt;
          console.log(
            `Redis Cluster master kill -9 (port ${port}, cluster-node-timeout ${world.redisCluster.nodeTimeoutMs} ms): ` +
              `replica promoted after ${promotedAfter} ms, cluster ok after ${healthyAfter} ms, ` +
              `first move simulated ${moveArrivedAfter} ms after the kill`,
          );

          // Across the other shard too: a command from gw-2's player reaches zone-west and its reply comes back.
          const heard = stroller.client.next('event', (e) => typeof e.text === 'string' && e.text.includes('after the failover'), 10_000);
          stroller.client.socket.emit('command', { text: '/say still here after the failover' });
          await heard;

          // No zone changed owner: the same lease records (server and epoch), and no sample saw a zone leave its server.
          expect(await leases()).toEqual(before);
          sampling = false;
          await sampler;
          const wrong = samples.filter(
            (s) =>
              (s.east !== null && [...s.east].sort().join(',') !== EAST.join(',')) ||
              (s.west !== null && [...s.west].sort().join(',') !== [...WEST].sort().join(',')),
          );
          expect(wrong).toEqual([]);
          expect(samples.filter((s) => s.east !== null && s.west !== null).length).toBeGreaterThan(5);
          expect(walker.client.socket.connected && stroller.client.socket.connected).toBe(true);
        } finally {
          clearInterval(walking);
          sampling = false;
          await sampler;
          await registry.close();
          walker.client.close();
          stroller.client.close();
        }
      }),
    120_000,
  );
});
