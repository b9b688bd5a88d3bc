import { Channels, InMemoryBroker, InMemoryBus, type BusMessageType, type BusPayload, type ClientMessage } from '@aether/shared';
import { Registry } from 'prom-client';
import { westAndEast } from '../world/fixtures.test-helpers.js';
import { fakeGateways } from './fake-gateways.test-helpers.js';
import type { PositionSnapshot } from './ports.js';
import { ZoneSafetyMetrics } from './safety-metrics.js';
import { characterRecord, settle, testZoneHost, until } from './zone-host.test-helpers.js';

/**
 * Sessions in one zone host on the in-process bus: the latest join's session
 * owns the character; a late leave from an older one is ignored; the session
 * travels across borders and teleports; a dead gateway's players are dropped
 * unless they moved on; mutes and announcements apply at once.
 */
const [west, east] = westAndEast({ neighbors: true });

async function setup(start: Record<string, { x: number }> = { ann: { x: 100 }, bob: { x: 120 } }) {
  const broker = new InMemoryBroker();
  const bus = new InMemoryBus({ source: 'zone' }, broker);
  const received: Array<ClientMessage & { gatewayId: string }> = [];
  const kicks: Array<BusPayload<'player.kick'>> = [];
  const gateway = await fakeGateways(broker, ['g1', 'g2'], (message, gatewayId) => received.push({ ...message, gatewayId }));
  const saved: PositionSnapshot[] = [];
  const record = (id: string) => characterRecord(id, { name: id[0]!.toUpperCase() + id.slice(1), x: start[id]?.x ?? 100 });
  const registry = new Registry();
  const host = testZoneHost({
    zones: [west, east],
    bus,
    characters: { load: async (id) => record(id), savePositions: async (snapshots) => void saved.push(...snapshots) },
    safetyMetrics: new ZoneSafetyMetrics(registry),
  });
  await host.start();
  const publish = <T extends BusMessageType>(zoneId: string, type: T, payload: BusPayload<T>) => gateway.publish(Channels.zoneInput(zoneId), type, payload);
  const join = (characterId: string, gatewayId: string, sessionId: string, zoneId = 'zone-west') =>
    publish(zoneId, 'player.join', { characterId, gatewayId, sessionId });
  const leave = (characterId: string, sessionId: string, zoneId = 'zone-west') => publish(zoneId, 'player.leave', { characterId, sessionId });
  const counter = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]?.value ?? 0;
  return { host, bus, gateway, received, kicks, saved, publish, join, leave, counter };
}

describe('zone host sessions', () => {
  it('a late leave from the session a character left does not take it out; the new session’s leave does', async () => {
    const { host, join, leave, received, saved, counter } = await setup();
    try {
      await join('ann', 'g1', 'session-one');
      await until(() => received.some((m) => m.event === 'world_enter'), 'Ann in the world');
      // Ann connects again through another gateway; the first gateway's leave comes late.
      await join('ann', 'g2', 'session-two');
      await leave('ann', 'session-one');
      await settle(80);
      expect(host.playerCount).toBe(1);
      expect(host.gatewayIds).toEqual(['g2']);
      expect(await counter('aether_zone_stale_leaves_total')).toBe(1);
      // The rebind resent everything through the new gateway.
      expect(received.filter((m) => m.event === 'world_enter').map((m) => m.gatewayId)).toEqual(['g1', 'g2']);
      expect(saved).toEqual([]);

      await leave('ann', 'session-two');
      await until(() => host.playerCount === 0, 'Ann to leave');
      expect(saved.map((s) => s.id)).toEqual(['ann']);
    } finally {
      await host.stop();
    }
  });

  it('the current session’s leave is honoured right after a re-join', async () => {
    const { host, join, leave } = await setup();
    try {
      await join('ann', 'g1', 'session-one');
      await join('ann', 'g2', 'session-two');
      await leave('ann', 'session-two'); // the current session's own leave: honoured
      await until(() => host.playerCount === 0, 'Ann to leave');
    } finally {
      await host.stop();
    }
  });

  it('a leave naming a session the zone never saw is ignored', async () => {
    const { host, join, leave, counter } = await setup();
    try {
      await join('ann', 'g1', 'session-one');
      await leave('ann', 'session-forged');
      await settle(80);
      expect(host.playerCount).toBe(1);
      expect(await counter('aether_zone_stale_leaves_total')).toBe(1);
    } finally {
      await host.stop();
    }
  });

  it('the session crosses the border with the character: its leave still counts, even sent to the old zone', async () => {
    const { host, join, leave, publish, received } = await setup({ ann: { x: 198 } });
    try {
      await join('ann', 'g1', 'session-one');
      await until(() => host.playerCount === 1, 'Ann in the world');
      await publish('zone-west', 'player.command', { characterId: 'ann', text: '/move 260 100' });
      await until(() => received.filter((m) => m.event === 'world_enter' && m.data.zone.id === 'zone-east').length === 1, 'Ann in the east');
      // A stale leave is still ignored in the new zone …
      await leave('ann', 'session-zero', 'zone-east');
      await settle(80);
      expect(host.playerCount).toBe(1);
      // … and the gateway, not yet told of the crossing, sends her own leave to the old zone: passed on.
      await leave('ann', 'session-one', 'zone-west');
      await until(() => host.playerCount === 0, 'Ann to leave the east');
    } finally {
      await host.stop();
    }
  });

  it('a dead gateway’s players are dropped and saved; one who re-joined through another gateway stays', async () => {
    const { host, join, saved, counter } = await setup();
    try {
      await join('ann', 'g1', 'session-ann');
      await join('bob', 'g1', 'session-bob-1');
      await until(() => host.playerCount === 2, 'both in the world');
      await join('bob', 'g2', 'session-bob-2');
      await settle(80);
      expect(await host.dropGateway('g1')).toBe(1);
      expect(host.playerCount).toBe(1);
      expect(host.gatewayIds).toEqual(['g2']);
      expect(saved.map((s) => s.id)).toEqual(['ann']);
      expect(await counter('aether_zone_reaped_players_total')).toBe(1);
    } finally {
      await host.stop();
    }
  });

  it('an admin teleport within the zone moves the player; to another zone hands it over with its session', async () => {
    const { host, join, leave, publish, received, saved } = await setup();
    try {
      await join('ann', 'g1', 'session-one');
      await until(() => host.playerCount === 1, 'Ann in the world');
      await publish('zone-west', 'player.teleport', { characterId: 'ann', zoneId: 'zone-west', x: 20, y: 30 });
      await until(() => received.some((m) => m.event === 'event' && m.data.text === 'You are teleported to (20, 30).'), 'the teleport within the zone');
      await publish('zone-west', 'player.teleport', { characterId: 'ann', zoneId: 'zone-east', x: 350, y: 40 });
      await until(() => received.some((m) => m.event === 'world_enter' && m.data.zone.id === 'zone-east'), 'Ann in the east');
      const arrival = received.find((m) => m.event === 'world_enter' && m.data.zone.id === 'zone-east')!;
      expect(arrival.event === 'world_enter' && arrival.data.character).toMatchObject({ x: 350, y: 40, zoneId: 'zone-east' });
      expect(saved).toContainEqual(expect.objectContaining({ id: 'ann', zoneId: 'zone-east', x: 350, y: 40 }));
      await leave('ann', 'session-one', 'zone-east');
      await until(() => host.playerCount === 0, 'Ann to leave');
    } finally {
      await host.stop();
    }
  });

  it('a mute from elsewhere applies at once; an unmute lifts it', async () => {
    const { host, join, publish, received } = await setup();
    try {
      await join('ann', 'g1', 'session-one');
      await until(() => host.playerCount === 1, 'Ann in the world');
      await publish('zone-west', 'player.mute', { characterId: 'ann', mutedUntil: Date.now() + 60_000 });
      await publish('zone-west', 'player.command', { characterId: 'ann', text: 'hello?' });
      await until(() => received.some((m) => m.event === 'error' && m.data.code === 'muted'), 'the muted error');
      await publish('zone-west', 'player.mute', { characterId: 'ann', mutedUntil: null });
      await publish('zone-west', 'player.command', { characterId: 'ann', text: 'hello!' });
      await until(() => received.some((m) => m.event === 'event' && m.data.text === 'You say, "hello!"'), 'the line said');
    } finally {
      await host.stop();
    }
  });

  it('an announcement reaches every player in every zone of the host, through their own gateway, as one safe line', async () => {
    const { host, join, bus, received } = await setup();
    try {
      await join('ann', 'g1', 'session-ann');
      await join('bob', 'g2', 'session-bob', 'zone-east');
      await until(() => host.playerCount === 2, 'both in the world');
      await bus.publish(Channels.announcements, 'world.announce', { from: 'Root', text: 'Restart\u202E in 5\nminutes' });
      await until(() => received.filter((m) => m.event === 'event' && m.data.channel === 'announce').length === 2, 'both to hear it');
      const heard = received.filter((m) => m.event === 'event' && m.data.channel === 'announce');
      expect(heard.map((m) => [m.characterId, m.gatewayId, m.event === 'event' && m.data.text]).sort()).toEqual([
        ['ann', 'g1', '[Announcement] Root: Restart in 5 minutes'],
        ['bob', 'g2', '[Announcement] Root: Restart in 5 minutes'],
      ]);
    } finally {
      await host.stop();
    }
  });
});
