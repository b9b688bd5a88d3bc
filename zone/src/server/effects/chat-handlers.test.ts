import { Channels, InMemoryBroker, InMemoryBus, Keys, type ClientMessage } from '@aether/shared';
import { createLogger } from '@aether/shared/observability';
import { Registry } from 'prom-client';
import { PlayerMessenger } from '../../chat/player-messenger.js';
import { defaultCommands } from '../../commands/execute.js';
import { DEFAULT_RULES } from '../../rules/rules.js';
import type { ZoneDef } from '../../world/types.js';
import { ZoneMetrics } from '../metrics.js';
import type { CharacterRecord } from '../ports.js';
import { ZoneHost } from '../zone-host.js';
import { EffectRouter } from './effect-router.js';
import { chatBroadcastHandlers, chatEffectHandlers } from './chat-handlers.js';
import { BatchReader } from '@aether/shared/wire';

const logger = createLogger({ level: 'silent', base: {}, pretty: false });
const settle = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

async function setup() {
  const broker = new InMemoryBroker();
  const bus = new InMemoryBus({ source: 'zone' }, broker);
  const gateway = new InMemoryBus({ source: 'gateway' }, broker);
  const delivered: ClientMessage[] = [];
  const reader = new BatchReader();
  for (const id of ['g1', 'g2']) {
    await gateway.subscribe(Channels.gatewayOutput(id), (envelope) => {
      if (envelope.type === 'client.batch') delivered.push(...(reader.read(envelope.payload) as ClientMessage[]));
    });
  }
  const where = (characterId: string, gatewayId: string) =>
    bus.set(Keys.playerLocation(characterId), JSON.stringify({ zoneId: 'zone-a', serverId: 's1', gatewayId }));
  const characters = {
    findByName: async (name: string) => ({ bob: { id: 'bob-id', name: 'Bob' }, ann: { id: 'ann-id', name: 'Ann' } })[name.toLowerCase()] ?? null,
  };
  const router = new EffectRouter(chatEffectHandlers({ bus, messenger: new PlayerMessenger(bus), characters }), logger);
  const whisper = async (toName: string, text = 'psst') => {
    await Promise.all(
      router.carryOut({ zoneId: 'zone-a' }, [{ kind: 'chat.whisper', from: { id: 'c:ann-id', characterId: 'ann-id', name: 'Ann' }, toName, text }]),
    );
    await settle();
  };
  return { bus, delivered, where, whisper, router };
}

describe('whispers', () => {
  it('reach the listener on their own gateway; the sender sees what they whispered', async () => {
    const { delivered, where, whisper } = await setup();
    await where('ann-id', 'g1');
    await where('bob-id', 'g2');
    await whisper('BOB', 'meet me at the gate');
    expect(delivered).toEqual([
      {
        characterId: 'bob-id',
        event: 'event',
        data: expect.objectContaining({ type: 'speech', channel: 'whisper', text: 'Ann whispers to you: meet me at the gate' }),
      },
      {
        characterId: 'ann-id',
        event: 'event',
        data: expect.objectContaining({ type: 'speech', channel: 'whisper', text: 'You whisper to Bob: meet me at the gate' }),
      },
    ]);
  });

  it.each([
    ['Bob', 'Bob is not online.'],
    ['Zed', 'No one is called Zed.'],
  ])('to %s: a clear error for the sender only', async (name, message) => {
    const { delivered, where, whisper } = await setup();
    await where('ann-id', 'g1');
    await whisper(name);
    expect(delivered).toEqual([{ characterId: 'ann-id', event: 'error', data: { code: 'not_found', message } }]);
  });
});

describe('shouts across a border', () => {
  const west: ZoneDef = {
    id: 'zone-west',
    name: 'West',
    bounds: { minX: 0, minY: 0, maxX: 200, maxY: 200 },
    spawn: { x: 100, y: 100 },
    adjacent: ['zone-east'],
  };
  const east: ZoneDef = {
    id: 'zone-east',
    name: 'East',
    bounds: { minX: 200, minY: 0, maxX: 400, maxY: 200 },
    spawn: { x: 300, y: 100 },
    adjacent: ['zone-west'],
  };
  const at: Record<string, { zoneId: string; x: number }> = {
    amy: { zoneId: 'zone-west', x: 195 },
    near: { zoneId: 'zone-east', x: 195 + 149 },
    far: { zoneId: 'zone-east', x: 195 + 151 },
    home: { zoneId: 'zone-west', x: 50 },
  };
  const record = (id: string): CharacterRecord => ({
    id,
    name: id,
    level: 1,
    archetype: 'warrior',
    zoneId: at[id]!.zoneId,
    x: at[id]!.x,
    y: 100,
    z: 0,
    heading: 0,
    hp: 100,
    maxHp: 100,
    stamina: 50,
    maxStamina: 50,
    mana: 20,
    maxMana: 20,
  });

  it('are heard in the neighbouring zone within 150 m of the shouter (149 m yes, 151 m no)', async () => {
    const { bus, delivered } = await setup();
    const host = new ZoneHost({
      serverId: 's1',
      zones: [west, east],
      bus,
      characters: { load: async (id) => record(id), savePositions: async () => {} },
      rules: DEFAULT_RULES,
      commands: defaultCommands(),
      effectHandlers: chatEffectHandlers({ bus, messenger: new PlayerMessenger(bus), characters: { findByName: async () => null } }),
      broadcastHandlers: chatBroadcastHandlers(DEFAULT_RULES),
      tickRate: 50,
      checkpointIntervalMs: 60_000,
      metrics: new ZoneMetrics(new Registry()),
      logger,
    });
    await host.start();
    try {
      for (const id of Object.keys(at))
        await bus.publish(Channels.zoneInput(at[id]!.zoneId), 'player.join', { characterId: id, gatewayId: 'g1', sessionId: `session-${id}` });
      await settle(100);
      delivered.length = 0;
      await bus.publish(Channels.zoneInput('zone-west'), 'player.command', { characterId: 'amy', text: '/shout over here' });
      await settle(150);
      const heard = delivered
        .filter((m) => m.event === 'event' && m.data.channel === 'shout')
        .map((m) => m.characterId)
        .sort();
      // home is 145 m away in the shouter's own zone; near is across the border at 149 m.
      expect(heard).toEqual(['amy', 'home', 'near']);
    } finally {
      await host.stop();
    }
  });
});

describe('says and emotes across a border', () => {
  const west: ZoneDef = {
    id: 'zone-west',
    name: 'West',
    bounds: { minX: 0, minY: 0, maxX: 200, maxY: 200 },
    spawn: { x: 100, y: 100 },
    adjacent: ['zone-east'],
    neighbors: [{ id: 'zone-east', bounds: { minX: 200, minY: 0, maxX: 400, maxY: 200 } }],
  };
  const east: ZoneDef = {
    id: 'zone-east',
    name: 'East',
    bounds: { minX: 200, minY: 0, maxX: 400, maxY: 200 },
    spawn: { x: 300, y: 100 },
    adjacent: ['zone-west'],
    neighbors: [{ id: 'zone-west', bounds: { minX: 0, minY: 0, maxX: 200, maxY: 200 } }],
  };
  // Say and emote range is 20 m: amy stands 5 m from the border.
  const at: Record<string, { zoneId: string; x: number }> = {
    amy: { zoneId: 'zone-west', x: 195 },
    near: { zoneId: 'zone-east', x: 215 },
    far: { zoneId: 'zone-east', x: 216 },
    home: { zoneId: 'zone-west', x: 175 },
    away: { zoneId: 'zone-west', x: 174 },
  };
  const record = (id: string): CharacterRecord => ({
    id,
    name: id,
    level: 1,
    archetype: 'warrior',
    zoneId: at[id]!.zoneId,
    x: at[id]!.x,
    y: 100,
    z: 0,
    heading: 0,
    hp: 100,
    maxHp: 100,
    stamina: 50,
    maxStamina: 50,
    mana: 20,
    maxMana: 20,
  });

  it.each([
    ['/say hello', 'say', 'amy says, "hello"'],
    ['/emote waves', 'emote', 'amy waves'],
  ])('%s is heard within 20 m of the speaker on both sides (20 m yes, 21 m no)', async (line, channel, text) => {
    const { bus, delivered } = await setup();
    const host = new ZoneHost({
      serverId: 's1',
      zones: [west, east],
      bus,
      characters: { load: async (id) => record(id), savePositions: async () => {} },
      rules: DEFAULT_RULES,
      commands: defaultCommands(),
      effectHandlers: chatEffectHandlers({ bus, messenger: new PlayerMessenger(bus), characters: { findByName: async () => null } }),
      broadcastHandlers: chatBroadcastHandlers(DEFAULT_RULES),
      tickRate: 50,
      checkpointIntervalMs: 60_000,
      metrics: new ZoneMetrics(new Registry()),
      logger,
    });
    await host.start();
    try {
      for (const id of Object.keys(at))
        await bus.publish(Channels.zoneInput(at[id]!.zoneId), 'player.join', { characterId: id, gatewayId: 'g1', sessionId: `session-${id}` });
      await settle(100);
      delivered.length = 0;
      await bus.publish(Channels.zoneInput('zone-west'), 'player.command', { characterId: 'amy', text: line });
      await settle(150);
      const heard = delivered.filter((m) => m.event === 'event' && m.data.channel === channel);
      expect(heard.map((m) => m.characterId).sort()).toEqual(['amy', 'home', 'near']);
      expect(heard.find((m) => m.characterId === 'near')?.data).toMatchObject({ text, from: { id: 'c:amy', name: 'amy' } });
    } finally {
      await host.stop();
    }
  });
});
