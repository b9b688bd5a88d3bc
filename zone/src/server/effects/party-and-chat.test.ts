import { Channels, InMemoryBroker, InMemoryBus, type ClientMessage } from '@aether/shared';
import { createLogger } from '@aether/shared/observability';
import { Registry } from 'prom-client';
import { defaultCommands } from '../../commands/execute.js';
import { DEFAULT_RULES } from '../../rules/rules.js';
import type { ZoneDef } from '../../world/types.js';
import { ZoneMetrics } from '../metrics.js';
import type { CharacterRecord } from '../ports.js';
import { ZoneHost } from '../zone-host.js';
import { partyAndChat } from './party-and-chat.js';
import { BatchReader } from '@aether/shared/wire';

/**
 * Two zone servers (two hosts, two buses on one broker — as two processes on
 * one Redis) and two gateways: a party, its allies' gauges, whispers and a
 * shout all cross from one server to the other.
 */
const logger = createLogger({ level: 'silent', base: {}, pretty: false });
const west: ZoneDef = { id: 'zone-west', name: 'West', bounds: { minX: 0, minY: 0, maxX: 200, maxY: 200 }, spawn: { x: 100, y: 100 }, adjacent: ['zone-east'] };
const east: ZoneDef = {
  id: 'zone-east',
  name: 'East',
  bounds: { minX: 200, minY: 0, maxX: 400, maxY: 200 },
  spawn: { x: 300, y: 100 },
  adjacent: ['zone-west'],
};
const roster: Record<string, { name: string; zone: ZoneDef; x: number; gateway: string }> = {
  ann: { name: 'Ann', zone: west, x: 190, gateway: 'g1' },
  bob: { name: 'Bob', zone: east, x: 250, gateway: 'g2' },
};
const record = (id: string): CharacterRecord => ({
  id,
  name: roster[id]!.name,
  level: 1,
  archetype: 'warrior',
  zoneId: roster[id]!.zone.id,
  x: roster[id]!.x,
  y: 100,
  z: 0,
  heading: 0,
  hp: 100,
  maxHp: 120,
  stamina: 50,
  maxStamina: 50,
  mana: 20,
  maxMana: 20,
});
const characters = {
  findByName: async (name: string) => {
    const id = Object.keys(roster).find((key) => roster[key]!.name.toLowerCase() === name.toLowerCase());
    return id ? { id, name: roster[id]!.name } : null;
  },
};

function server(broker: InMemoryBroker, serverId: string, zone: ZoneDef): ZoneHost {
  const bus = new InMemoryBus({ source: serverId }, broker);
  const social = partyAndChat({ bus, characters, rules: DEFAULT_RULES, logger });
  return new ZoneHost({
    serverId,
    zones: [zone],
    bus,
    characters: { load: async (id) => record(id), savePositions: async () => {} },
    rules: DEFAULT_RULES,
    commands: defaultCommands(),
    systemsFor: () => social.systems(),
    effectHandlers: social.effectHandlers,
    broadcastHandlers: social.broadcastHandlers,
    tickRate: 50,
    checkpointIntervalMs: 60_000,
    metrics: new ZoneMetrics(new Registry()),
    logger,
  });
}

describe('party and chat across two zone servers', () => {
  const broker = new InMemoryBroker();
  const client = new InMemoryBus({ source: 'gateways' }, broker);
  const received: ClientMessage[] = [];
  const reader = new BatchReader();
  const hosts = [server(broker, 's1', west), server(broker, 's2', east)];
  const command = (characterId: string, text: string) =>
    client.publish(Channels.zoneInput(roster[characterId]!.zone.id), 'player.command', { characterId, text });
  const waitFor = async (match: (m: ClientMessage) => boolean, what: string) => {
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      const found = received.find(match);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`never received: ${what}; got ${JSON.stringify(received.slice(-5))}`);
  };
  const textTo = (characterId: string, text: string) => (m: ClientMessage) =>
    m.characterId === characterId && (m.event === 'event' ? m.data.text === text : m.event === 'error' && m.data.message === text);

  beforeAll(async () => {
    for (const gateway of ['g1', 'g2']) {
      await client.subscribe(Channels.gatewayOutput(gateway), (envelope) => {
        if (envelope.type === 'client.batch') received.push(...(reader.read(envelope.payload) as ClientMessage[]));
      });
    }
    for (const host of hosts) await host.start();
    for (const id of Object.keys(roster)) {
      await client.publish(Channels.zoneInput(roster[id]!.zone.id), 'player.join', {
        characterId: id,
        gatewayId: roster[id]!.gateway,
        sessionId: `session-${id}`,
      });
    }
    await waitFor((m) => m.characterId === 'bob' && m.event === 'world_enter', 'Bob in the world');
  });

  afterAll(async () => {
    for (const host of hosts) await host.stop();
  });

  it('a party forms across servers and each member sees the other’s gauges', async () => {
    await command('ann', '/party invite bob');
    await waitFor(textTo('bob', 'Ann invites you to join a party. Type /party accept or /party decline (within 60 s).'), 'the invitation');
    await command('bob', '/party accept');
    await waitFor(textTo('ann', 'Bob joins the party.'), 'the join');
    // The first list may come before Bob's zone has sampled him (every 0.5 s); the gauges follow.
    const online = (id: string) => (m: ClientMessage) => m.characterId === id && m.event === 'state_update' && m.data.allies?.[0]?.online === true;
    const annSees = await waitFor(online('ann'), 'allies for Ann');
    // atb comes along once combat gives the player a gauge.
    expect(annSees.event === 'state_update' && annSees.data.allies).toEqual([
      expect.objectContaining({
        characterId: 'bob',
        name: 'Bob',
        leader: false,
        online: true,
        zoneId: 'zone-east',
        hp: 100,
        maxHp: 120,
        stamina: 50,
        maxStamina: 50,
        mana: 20,
        maxMana: 20,
      }),
    ]);
    const bobSees = await waitFor(online('bob'), 'allies for Bob');
    expect(bobSees.event === 'state_update' && bobSees.data.allies).toEqual([
      expect.objectContaining({ characterId: 'ann', leader: true, online: true, zoneId: 'zone-west' }),
    ]);
    await command('bob', '/party');
    await waitFor(textTo('bob', 'Party (2/5): Ann (leader), Bob.'), 'the party listing');
  });

  it('a whisper finds its listener on the other server', async () => {
    await command('ann', '/whisper bob over here');
    await waitFor(textTo('bob', 'Ann whispers to you: over here'), 'the whisper');
    await waitFor(textTo('ann', 'You whisper to Bob: over here'), 'the echo');
  });

  it('a shout carries over the border to the other server’s zone', async () => {
    // Ann stands 10 m from the border; Bob 50 m beyond it: 60 m apart.
    await command('ann', '/shout hello east');
    await waitFor(textTo('bob', 'Ann shouts, "hello east"'), 'the shout');
  });

  it('leaving clears the allies list of whoever left and of the one left alone', async () => {
    received.length = 0;
    await command('bob', '/party leave');
    await waitFor(textTo('ann', 'The party disbands: everyone else has gone.'), 'the disbanding');
    await waitFor((m) => m.characterId === 'bob' && m.event === 'state_update' && m.data.allies?.length === 0, 'an empty list for Bob');
  });
});
