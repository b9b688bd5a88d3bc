import { HeartbeatPublisher, Keys } from '@aether/shared';
import { PrismaCharacterRepository } from '@aether/shared/db';
import { GatewayWatch } from '../src/server/gateway-watch.js';
import { until, ZoneWorld, type ZoneServer } from './zone-world.js';

/**
 * Sessions and reaping in real zone servers (createZoneHost) on a real Redis
 * and PostgreSQL: a late leave from a connection the character has left does
 * not take it out of the world, and a gateway whose heartbeat stops loses its
 * players to the watch (saved where they stood).
 */
describe('zone sessions and reaping (Redis, PostgreSQL)', () => {
  let world: ZoneWorld;
  let server: ZoneServer;

  beforeAll(async () => {
    world = await ZoneWorld.start();
    server = await world.server('zone-server-1', ['zone-crossroads']);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('a stale leave after a re-join through another gateway leaves the character in the world', async () => {
    const { characterId } = await world.character('Stayer', { zoneId: 'zone-crossroads', x: 60, y: 60 });
    const first = await world.inbox('gw-first');
    const second = await world.inbox('gw-second');
    await world.publish('zone-crossroads', 'player.join', { characterId, gatewayId: 'gw-first', sessionId: 'session-first' });
    await until(() => first.messages.some((m) => m.characterId === characterId && m.event === 'world_enter'), 'the first join');
    // The player comes back through another gateway; the first gateway's leave arrives after the new join.
    await world.publish('zone-crossroads', 'player.join', { characterId, gatewayId: 'gw-second', sessionId: 'session-second' });
    await world.publish('zone-crossroads', 'player.leave', { characterId, sessionId: 'session-first' });
    await until(() => second.messages.some((m) => m.characterId === characterId && m.event === 'world_enter'), 'the re-join');
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(server.host.playerCount).toBe(1);
    expect(await server.registry.getLocation(characterId)).toEqual({ zoneId: 'zone-crossroads', serverId: 'zone-server-1', gatewayId: 'gw-second' });
    const stale = await server.metrics.getSingleMetric('aether_zone_stale_leaves_total')!.get();
    expect(stale.values[0]!.value).toBe(1);
    // Output goes to the new gateway: a command's answer arrives there.
    await world.command('zone-crossroads', characterId, '/who');
    await until(
      () => second.messages.some((m) => m.characterId === characterId && m.event === 'event' && m.data.text.includes('Stayer')),
      '/who answered on the new gateway',
    );

    await world.publish('zone-crossroads', 'player.leave', { characterId, sessionId: 'session-second' });
    await until(() => server.host.playerCount === 0, 'the current session’s leave');
    // The location goes after the leave's save (and, before it, the character's game writes).
    await until(async () => (await server.registry.getLocation(characterId)) === null, 'the location to go');
  }, 30_000);

  it('players of a gateway whose heartbeat stops leave the world and are saved; a live gateway’s stay', async () => {
    const dead = await world.character('Orphan', { zoneId: 'zone-crossroads', x: 40, y: 40 });
    const live = await world.character('Keeper', { zoneId: 'zone-crossroads', x: 45, y: 40 });
    const deadInbox = await world.inbox('gw-dead');
    await world.inbox('gw-live');
    // The live gateway beats every 200 ms (TTL as in production); the doomed one wrote one beat that expires in 1 s.
    const beating = new HeartbeatPublisher(
      'gw-live',
      world.gatewayRegistry,
      () => ({ type: 'gateway', zones: [], players: 1, tickP99Ms: 0 }),
      () => undefined,
      200,
    );
    await beating.start();
    await world.gateway.set(Keys.serverHeartbeat('gw-dead'), JSON.stringify({ type: 'gateway', zones: [], players: 1, tickP99Ms: 0, ts: Date.now() }), {
      ttlMs: 1000,
    });
    const watch = new GatewayWatch(
      server.registry,
      () => server.host.gatewayIds,
      (gatewayId) => server.host.dropGateway(gatewayId),
      { everyMs: 100, graceMs: 300 },
    );
    try {
      await world.publish('zone-crossroads', 'player.join', { characterId: dead.characterId, gatewayId: 'gw-dead', sessionId: 'session-orphan' });
      await world.publish('zone-crossroads', 'player.join', { characterId: live.characterId, gatewayId: 'gw-live', sessionId: 'session-keeper' });
      await until(() => server.host.playerCount === 2, 'both in the world');
      watch.start();
      // The orphan walks a little before its gateway dies, so the save has something to show.
      await world.command('zone-crossroads', dead.characterId, '/move 40 50');
      await until(
        () => deadInbox.messages.some((m) => m.characterId === dead.characterId && m.event === 'event' && m.data.type === 'movement'),
        'the walk to start',
      );
      await new Promise((resolve) => setTimeout(resolve, 500));

      await until(() => server.host.playerCount === 1, 'the dead gateway’s player to be reaped', 8_000);
      expect(server.host.gatewayIds).toEqual(['gw-live']);
      // The location goes once the reaped player is saved.
      await until(async () => (await server.registry.getLocation(dead.characterId)) === null, 'the reaped player’s location to go');
      expect(await server.registry.getLocation(live.characterId)).toMatchObject({ gatewayId: 'gw-live' });
      const saved = await new PrismaCharacterRepository(world.db.client).findById(dead.characterId);
      expect(saved).toMatchObject({ zoneId: 'zone-crossroads', x: 40 });
      expect(saved!.y).toBeGreaterThan(40.5);
      const reaped = await server.metrics.getSingleMetric('aether_zone_reaped_players_total')!.get();
      expect(reaped.values[0]!.value).toBe(1);
      // Well past the grace: the live gateway's player is still there.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(server.host.playerCount).toBe(1);
    } finally {
      await watch.stop();
      await beating.stop();
      await world.publish('zone-crossroads', 'player.leave', { characterId: live.characterId, sessionId: 'session-keeper' });
    }
  }, 30_000);
});
