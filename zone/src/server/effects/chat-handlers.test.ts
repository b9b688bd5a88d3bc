import { Channels, InMemoryBroker, InMemoryBus, Keys, type ClientMessage } from '@aether/shared';
import { PlayerMessenger } from '../../chat/player-messenger.js';
import { DEFAULT_RULES } from '../../rules/rules.js';
import { westAndEast } from '../../world/fixtures.test-helpers.js';
import type { ZoneDef } from '../../world/types.js';
import { fakeGateways } from '../fake-gateways.test-helpers.js';
import { characterRecord, recordStore, settle, silentLogger, testZoneHost } from '../zone-host.test-helpers.js';
import { EffectRouter } from './effect-router.js';
import { chatBroadcastHandlers, chatEffectHandlers } from './chat-handlers.js';

async function setup() {
  const broker = new InMemoryBroker();
  const bus = new InMemoryBus({ source: 'zone' }, broker);
  const delivered: ClientMessage[] = [];
  await fakeGateways(broker, ['g1', 'g2'], (message) => delivered.push(message));
  const where = (characterId: string, gatewayId: string) =>
    bus.set(Keys.playerLocation(characterId), JSON.stringify({ zoneId: 'zone-a', serverId: 's1', gatewayId }));
  const characters = {
    findByName: async (name: string) => ({ bob: { id: 'bob-id', name: 'Bob' }, ann: { id: 'ann-id', name: 'Ann' } })[name.toLowerCase()] ?? null,
  };
  const router = new EffectRouter(chatEffectHandlers({ bus, messenger: new PlayerMessenger(bus), characters }), silentLogger);
  const whisper = async (toName: string, text = 'psst') => {
    await Promise.all(
      router.carryOut({ zoneId: 'zone-a' }, [{ kind: 'chat.whisper', from: { id: 'c:ann-id', characterId: 'ann-id', name: 'Ann' }, toName, text }]),
    );
    await settle(10);
  };
  return { bus, delivered, where, whisper, router };
}

/** Everyone in `at` joins one host running both zones (on gateway g1); `amy` types `line`: what the players are sent after it. */
async function heardAcrossBorder(zones: ZoneDef[], at: Record<string, { zoneId: string; x: number }>, line: string): Promise<ClientMessage[]> {
  const { bus, delivered } = await setup();
  const host = testZoneHost({
    zones,
    bus,
    characters: recordStore((id) => characterRecord(id, at[id])),
    effectHandlers: chatEffectHandlers({ bus, messenger: new PlayerMessenger(bus), characters: { findByName: async () => null } }),
    broadcastHandlers: chatBroadcastHandlers(DEFAULT_RULES),
  });
  await host.start();
  try {
    for (const id of Object.keys(at))
      await bus.publish(Channels.zoneInput(at[id]!.zoneId), 'player.join', { characterId: id, gatewayId: 'g1', sessionId: `session-${id}` });
    await settle(100);
    delivered.length = 0;
    await bus.publish(Channels.zoneInput('zone-west'), 'player.command', { characterId: 'amy', text: line });
    await settle(150);
    return [...delivered];
  } finally {
    await host.stop();
  }
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
  const at: Record<string, { zoneId: string; x: number }> = {
    amy: { zoneId: 'zone-west', x: 195 },
    near: { zoneId: 'zone-east', x: 195 + 149 },
    far: { zoneId: 'zone-east', x: 195 + 151 },
    home: { zoneId: 'zone-west', x: 50 },
  };

  it('are heard in the neighbouring zone within 150 m of the shouter (149 m yes, 151 m no)', async () => {
    const delivered = await heardAcrossBorder(westAndEast(), at, '/shout over here');
    const heard = delivered
      .filter((m) => m.event === 'event' && m.data.channel === 'shout')
      .map((m) => m.characterId)
      .sort();
    // home is 145 m away in the shouter's own zone; near is across the border at 149 m.
    expect(heard).toEqual(['amy', 'home', 'near']);
  });
});

describe('says and emotes across a border', () => {
  // Say and emote range is 20 m: amy stands 5 m from the border.
  const at: Record<string, { zoneId: string; x: number }> = {
    amy: { zoneId: 'zone-west', x: 195 },
    near: { zoneId: 'zone-east', x: 215 },
    far: { zoneId: 'zone-east', x: 216 },
    home: { zoneId: 'zone-west', x: 175 },
    away: { zoneId: 'zone-west', x: 174 },
  };

  it.each([
    ['/say hello', 'say', 'amy says, "hello"'],
    ['/emote waves', 'emote', 'amy waves'],
  ])('%s is heard within 20 m of the speaker on both sides (20 m yes, 21 m no)', async (line, channel, text) => {
    const delivered = await heardAcrossBorder(westAndEast({ neighbors: true }), at, line);
    const heard = delivered.filter((m) => m.event === 'event' && m.data.channel === channel);
    expect(heard.map((m) => m.characterId).sort()).toEqual(['amy', 'home', 'near']);
    expect(heard.find((m) => m.characterId === 'near')?.data).toMatchObject({ text, from: { id: 'c:amy', name: 'amy' } });
  });
});
