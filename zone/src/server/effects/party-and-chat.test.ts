import { Channels, InMemoryBroker, InMemoryBus, type ClientMessage } from '@aether/shared';
import { DEFAULT_RULES } from '../../rules/rules.js';
import { westAndEast } from '../../world/fixtures.test-helpers.js';
import type { ZoneDef } from '../../world/types.js';
import { fakeGateways } from '../fake-gateways.test-helpers.js';
import type { ZoneHost } from '../zone-host.js';
import { characterRecord, recordStore, silentLogger, testZoneHost } from '../zone-host.test-helpers.js';
import { partyAndChat } from './party-and-chat.js';

/**
 * Two zone servers (two hosts, two buses on one broker — as two processes on
 * one Redis) and two gateways: a party, its allies' gauges, whispers and a
 * shout all cross from one server to the other.
 */
const [west, east] = westAndEast();
const roster: Record<string, { name: string; zone: ZoneDef; x: number; gateway: string }> = {
  ann: { name: 'Ann', zone: west, x: 190, gateway: 'g1' },
  bob: { name: 'Bob', zone: east, x: 250, gateway: 'g2' },
};
const record = (id: string) => characterRecord(id, { name: roster[id]!.name, zoneId: roster[id]!.zone.id, x: roster[id]!.x, maxHp: 120 });
const characters = {
  findByName: async (name: string) => {
    const id = Object.keys(roster).find((key) => roster[key]!.name.toLowerCase() === name.toLowerCase());
    return id ? { id, name: roster[id]!.name } : null;
  },
};

function server(broker: InMemoryBroker, serverId: string, zone: ZoneDef): ZoneHost {
  const bus = new InMemoryBus({ source: serverId }, broker);
  const social = partyAndChat({ bus, characters, rules: DEFAULT_RULES, logger: silentLogger });
  return testZoneHost({
    serverId,
    zones: [zone],
    bus,
    characters: recordStore(record),
    systemsFor: () => social.systems(),
    effectHandlers: social.effectHandlers,
    broadcastHandlers: social.broadcastHandlers,
  });
}

describe('party and chat across two zone servers', () => {
  const broker = new InMemoryBroker();
  const received: ClientMessage[] = [];
  let client: InMemoryBus;
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
    client = await fakeGateways(broker, ['g1', 'g2'], (message) => received.push(message));
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
