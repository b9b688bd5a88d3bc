import { Channels, InMemoryBroker, InMemoryBus, Keys, StateUpdate, type BusEnvelope } from '@aether/shared';
import { PlayerMessenger } from '../chat/player-messenger.js';
import { defaultCommands } from '../commands/execute.js';
import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { emptyWorld, type World } from '../world/types.js';
import { alliesFor, type AllyVitals } from './allies.js';
import { AlliesPublisher } from './allies-publisher.js';
import { alliesSampler } from './allies-sampler.js';
import { PartyKeys } from './party-keys.js';
import type { Party } from './party-types.js';

const vitals = (characterId: string, hp = 100, zoneId = 'zone-a'): AllyVitals => ({
  characterId,
  name: characterId.toUpperCase(),
  zoneId,
  hp,
  maxHp: 100,
  stamina: 50,
  maxStamina: 50,
  mana: 20,
  maxMana: 20,
});
const trio: Party = {
  id: 'p1',
  leaderId: 'a',
  members: [
    { characterId: 'a', name: 'A' },
    { characterId: 'b', name: 'B' },
    { characterId: 'c', name: 'C' },
  ],
  invites: [],
};

describe('alliesFor', () => {
  it('lists the other members in joining order; those without vitals are offline', () => {
    const allies = alliesFor(
      trio,
      'b',
      new Map([
        ['a', vitals('a', 80)],
        ['b', vitals('b')],
      ]),
    );
    expect(allies).toEqual([
      { characterId: 'a', name: 'A', leader: true, online: true, zoneId: 'zone-a', hp: 80, maxHp: 100, stamina: 50, maxStamina: 50, mana: 20, maxMana: 20 },
      { characterId: 'c', name: 'C', leader: false, online: false },
    ]);
    expect(StateUpdate.safeParse({ allies }).success).toBe(true);
  });
});

describe('alliesSampler', () => {
  const world: World = { ...emptyWorld(testZone), entities: new Map([player('a', 1, 1)].map((e) => [e.id, e])) };
  const context = { rules: DEFAULT_RULES, commands: defaultCommands(), random: () => 0, now: () => 0 };

  it.each([
    // [world time, dt, samples?]
    [0.0, 0.05, false],
    [0.45, 0.05, true],
    [0.5, 0.05, false],
    [0.95, 0.05, true],
  ])('at t=%f (+%f) samples: %s', (time, dt, samples) => {
    const input = { ...world, time };
    const result = alliesSampler().update(input, dt, context);
    expect(result.world).toBe(input);
    expect((result.effects ?? []).length).toBe(samples ? 1 : 0);
  });

  it('reports whole points and the ATB gauge from the hook', () => {
    const hurt = player('a', 1, 1);
    const entity = { ...hurt, player: { ...hurt.player!, resources: { ...hurt.player!.resources, hp: 41.6 } } };
    const result = alliesSampler({ atbOf: () => 33.3 }).update({ ...world, time: 0.45, entities: new Map([[entity.id, entity]]) }, 0.05, context);
    expect(result.effects).toEqual([{ kind: 'party.vitals', zoneId: 'zone-test', players: [expect.objectContaining({ characterId: 'a', hp: 42, atb: 35 })] }]);
  });
});

describe('AlliesPublisher', () => {
  async function setup() {
    const broker = new InMemoryBroker();
    const bus = new InMemoryBus({ source: 'zone' }, broker);
    const received: Array<{ characterId: string; allies: unknown }> = [];
    const gateway = new InMemoryBus({ source: 'gateway' }, broker);
    await gateway.subscribe(Channels.gatewayOutput('g1'), (envelope: BusEnvelope) => {
      if (envelope.type !== 'client.batch') return;
      for (const m of envelope.payload.messages) if (m.event === 'state_update') received.push({ characterId: m.characterId, allies: m.data.allies });
    });
    for (const id of ['a', 'b', 'c']) await bus.set(Keys.playerLocation(id), JSON.stringify({ zoneId: 'zone-a', serverId: 's', gatewayId: 'g1' }));
    await bus.set(PartyKeys.party('p1'), JSON.stringify(trio));
    const partyOf = async (id: string) => (trio.members.some((m) => m.characterId === id) ? trio : null);
    const publisher = new AlliesPublisher({ bus, messenger: new PlayerMessenger(bus), partyOf });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
    return { bus, publisher, received, settle };
  }

  it('publishes on change only, to every online member, with the others’ gauges', async () => {
    const { publisher, received, settle } = await setup();
    await publisher.onSample({ kind: 'party.vitals', zoneId: 'zone-a', players: [vitals('a'), vitals('b')] });
    await settle();
    expect(received.map((r) => r.characterId).sort()).toEqual(['a', 'b']);
    expect(received.find((r) => r.characterId === 'a')!.allies).toEqual([
      expect.objectContaining({ characterId: 'b', online: true, hp: 100 }),
      { characterId: 'c', name: 'C', leader: false, online: false },
    ]);

    received.length = 0;
    await publisher.onSample({ kind: 'party.vitals', zoneId: 'zone-a', players: [vitals('a'), vitals('b')] });
    await settle();
    expect(received).toEqual([]);

    await publisher.onSample({ kind: 'party.vitals', zoneId: 'zone-a', players: [vitals('a', 70), vitals('b')] });
    await settle();
    expect(received.find((r) => r.characterId === 'b')!.allies).toEqual([expect.objectContaining({ characterId: 'a', hp: 70 }), expect.anything()]);
  });

  it('vitals written by another host count: a member elsewhere shows up online', async () => {
    const { bus, publisher, received, settle } = await setup();
    await bus.set(PartyKeys.vitals('c'), JSON.stringify(vitals('c', 55, 'zone-b')));
    await publisher.onSample({ kind: 'party.vitals', zoneId: 'zone-a', players: [vitals('a')] });
    await settle();
    expect(received.find((r) => r.characterId === 'a')!.allies).toEqual([
      { characterId: 'b', name: 'B', leader: false, online: false },
      expect.objectContaining({ characterId: 'c', online: true, zoneId: 'zone-b', hp: 55 }),
    ]);
    // c's own client is told too (its gateway is found through player:location).
    expect(received.map((r) => r.characterId).sort()).toEqual(['a', 'c']);
  });

  it('a member who logs out shows up offline once their location clears', async () => {
    const { bus, publisher, received, settle } = await setup();
    await publisher.onSample({ kind: 'party.vitals', zoneId: 'zone-a', players: [vitals('a'), vitals('b')] });
    await bus.del(Keys.playerLocation('b'));
    received.length = 0;
    await publisher.onSample({ kind: 'party.vitals', zoneId: 'zone-a', players: [vitals('a')] });
    await settle();
    expect(await bus.get(PartyKeys.vitals('b'))).toBeNull();
    expect(received).toEqual([
      {
        characterId: 'a',
        allies: [expect.objectContaining({ characterId: 'b', online: false }), expect.objectContaining({ characterId: 'c', online: false })],
      },
    ]);
  });

  it('someone who left the party gets an empty list', async () => {
    const { publisher, received, settle } = await setup();
    await publisher.pushParty(null, ['b']);
    await settle();
    expect(received).toEqual([{ characterId: 'b', allies: [] }]);
  });
});
