import { waitFor } from '@aether/testing';
import { Cluster } from './cluster.js';
import { playerAt, REDIS_BACKENDS, type RedisBackend, startWorldOn, visibleTo, type WorldBase } from './fixtures.js';

/**
 * Two gateways and two zone servers, each its own OS process: zone-crossroads
 * on zone-east, zone-forest and zone-city on zone-west.
 */
async function startSplitWorld(backend: RedisBackend): Promise<{ world: WorldBase; cluster: Cluster; gateways: Array<{ url: string; opsUrl?: string }> }> {
  const world = await startWorldOn(backend);
  const cluster = new Cluster({ ...world.redisEnv, DATABASE_URL: world.databaseUrl });
  const [east, west] = await Promise.all([cluster.zone('zone-east', ['zone-crossroads']), cluster.zone('zone-west', ['zone-forest', 'zone-city'])]);
  await Promise.all([cluster.owns(east, ['zone-crossroads']), cluster.owns(west, ['zone-forest', 'zone-city'])]);
  const gateways = await Promise.all([cluster.gateway('gw-1'), cluster.gateway('gw-2')]);
  return { world, cluster, gateways };
}

/**
 * Two gateways and two zone servers, each its own OS process, on a real
 * Redis (one server, then a Redis Cluster) and PostgreSQL: zone-crossroads
 * on one server, zone-forest and zone-city on the other; players on
 * different gateways.
 */
describe.each(REDIS_BACKENDS)('distributed mode: one world across servers (%s)', (backend) => {
  let world: WorldBase;
  let cluster: Cluster;
  let gateways: Array<{ url: string; opsUrl?: string }>;

  beforeAll(async () => {
    ({ world, cluster, gateways } = await startSplitWorld(backend));
  }, 90_000);

  afterAll(async () => {
    await cluster?.stopAll();
    await world?.close();
  });

  it(
    'players on different gateways see each other across a border, and one walks over it keeping its socket',
    async () =>
      cluster.withLogs(async () => {
        const alice = await playerAt(world, gateways[0]!.url, 'Alice', { zoneId: 'zone-crossroads', x: 8, y: 100 });
        const bob = await playerAt(world, gateways[1]!.url, 'Bob', { zoneId: 'zone-forest', x: -8, y: 100 });
        const bobEntity = `c:${bob.characterId}`;
        const aliceEntity = `c:${alice.characterId}`;

        // Border interest: each sees the other from the other zone (and the other server).
        await waitFor(() => visibleTo(alice.client).has(bobEntity), { timeoutMs: 5_000, message: 'Alice to see Bob across the border' });
        await waitFor(() => visibleTo(bob.client).has(aliceEntity), { timeoutMs: 5_000, message: 'Bob to see Alice across the border' });
        expect(visibleTo(alice.client).get(bobEntity)).toMatchObject({ kind: 'player', name: 'Bob', bearing: 270, range: 16 });

        // /say and /emote over the border, 16 m apart: heard as inside one zone (say and emote reach 20 m).
        const said = alice.client.next('event', (e) => e.text.includes('across the line'), 5_000);
        bob.client.socket.emit('command', { text: '/say hello across the line' });
        expect(await said).toMatchObject({ type: 'speech', channel: 'say', text: 'Bob says, "hello across the line"', from: { id: bobEntity } });
        const waved = bob.client.next('event', (e) => e.channel === 'emote', 5_000);
        alice.client.socket.emit('command', { text: '/emote waves back' });
        expect(await waved).toMatchObject({ type: 'emote', text: 'Alice waves back', from: { id: aliceEntity } });

        // Bob walks east over x = 0: zone-forest (zone-west) hands him to zone-crossroads (zone-east).
        const socketId = bob.client.socket.id;
        const started = Date.now();
        const entered = bob.client.next('world_enter', (data) => data.zone.id === 'zone-crossroads', 10_000);
        bob.client.socket.emit('move', { heading: 90, speed: 5 });
        await entered;
        const crossing = Date.now() - started;
        bob.client.socket.emit('move', { stop: true });
        console.log(`border crossing: world_enter for the new zone ${crossing} ms after the move began (~1.6 s of that is walking to the border)`);
        expect(bob.client.socket.connected).toBe(true);
        expect(bob.client.socket.id).toBe(socketId);
        expect(bob.client.received.some((r) => r.event === 'error')).toBe(false);

        // Now he is in her zone (her view of him can blink for a report interval while he is handed over).
        await waitFor(() => visibleTo(alice.client).has(bobEntity), { timeoutMs: 3_000, message: 'Alice to see Bob in her zone' });
        await waitFor(async () => (await world.position(bob.characterId)).zoneId === 'zone-crossroads', { message: 'the crossing to be saved' });
        const heard = alice.client.next('event', (e) => e.text.includes('over the border'), 5_000);
        bob.client.socket.emit('command', { text: 'hello from over the border' });
        expect((await heard).text).toBe('Bob says, "hello from over the border"');

        alice.client.close();
        bob.client.close();
      }),
    60_000,
  );

  it("REST on the ops port: /api/zones and /api/servers show the split (the players' port does not answer them)", async () =>
    cluster.withLogs(async () => {
      for (const path of ['/api/zones', '/api/servers', '/metrics']) expect((await fetch(`${gateways[0]!.url}${path}`)).status).toBe(404);
      const zones = await (await fetch(`${gateways[0]!.opsUrl}/api/zones`)).json();
      expect(zones.zones).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ zoneId: 'zone-crossroads', simulatedBy: 'zone-east', ownerAlive: true }),
          expect.objectContaining({ zoneId: 'zone-forest', simulatedBy: 'zone-west', ownerAlive: true }),
          expect.objectContaining({ zoneId: 'zone-city', simulatedBy: 'zone-west', ownerAlive: true }),
        ]),
      );
      const servers = await (await fetch(`${gateways[1]!.opsUrl}/api/servers`)).json();
      expect(servers.servers.map((s: any) => `${s.type}:${s.serverId}`).sort()).toEqual(['gateway:gw-1', 'gateway:gw-2', 'zone:zone-east', 'zone:zone-west']);
      const health = await (await fetch(`${gateways[0]!.url}/health`)).json();
      expect(health).toEqual({
        status: 'ok',
        type: 'gateway',
        serverId: 'gw-1',
        timestamp: expect.any(String),
        uptime: expect.any(Number),
        connected: expect.any(Number),
      });
    }));
});

describe.each(REDIS_BACKENDS)('distributed mode: talking and grouping across servers (%s)', (backend) => {
  let world: WorldBase;
  let cluster: Cluster;
  let gateways: Array<{ url: string; opsUrl?: string }>;

  beforeAll(async () => {
    ({ world, cluster, gateways } = await startSplitWorld(backend));
  }, 90_000);

  afterAll(async () => {
    await cluster?.stopAll();
    await world?.close();
  });

  it(
    'whisper, shout over the border, and a party whose members are on different servers and gateways',
    async () =>
      cluster.withLogs(async () => {
        // Carol is in the crossroads (zone-east, via gw-1); Dave in the city (zone-west, via gw-2), 400 m apart.
        const carol = await playerAt(world, gateways[0]!.url, 'Carol', { zoneId: 'zone-crossroads', x: 190, y: 100 });
        const dave = await playerAt(world, gateways[1]!.url, 'Dave', { zoneId: 'zone-city', x: 260, y: 100 });

        const whisper = dave.client.next('event', (e) => e.channel === 'whisper', 5_000);
        carol.client.socket.emit('command', { text: '/whisper Dave meet me at the gate' });
        expect((await whisper).text).toBe('Carol whispers to you: meet me at the gate');

        const offline = carol.client.next('error', () => true, 5_000);
        carol.client.socket.emit('command', { text: '/whisper Nobodyhere hello?' });
        expect((await offline).message).toMatch(/Nobodyhere/);

        // 70 m apart across the city border: out of /say range, within /shout range.
        const shout = dave.client.next('event', (e) => e.text.includes('over here'), 5_000);
        carol.client.socket.emit('command', { text: '/shout over here!' });
        expect((await shout).text).toBe('Carol shouts, "over here!"');

        const invited = dave.client.next('event', (e) => /invite/i.test(e.text), 5_000);
        carol.client.socket.emit('command', { text: '/party invite Dave' });
        await invited;
        // A new member shows first without gauges (not sampled yet by its zone), then with them.
        const allies = carol.client.next('state_update', (u) => (u.allies ?? []).some((a: any) => a.name === 'Dave' && typeof a.hp === 'number'), 10_000);
        dave.client.socket.emit('command', { text: '/party accept' });
        const ally = (await allies).allies.find((a: any) => a.name === 'Dave');
        expect(ally).toMatchObject({ name: 'Dave', hp: expect.any(Number), maxHp: expect.any(Number) });

        carol.client.close();
        dave.client.close();
      }),
    60_000,
  );
});
