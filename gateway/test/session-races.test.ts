import { jest } from '@jest/globals';
import { waitFor } from '@aether/testing';
import type { TestClient } from './client.js';
import { sleep, startBareGateway, type BareGateway } from './gateway-fixture.js';

jest.setTimeout(60_000);

/**
 * Races between a socket's own messages and its disconnect, seen from the
 * zones' side of the bus: every character a join put in the world must be
 * taken out by a leave naming the same session once its socket is gone.
 * (The same race against real zones: standalone/test/session-races.test.ts.)
 */
describe('session races (gateway, zones played by the test)', () => {
  let gateway: BareGateway;

  beforeAll(async () => {
    // A registry round trip where the gateway asks where the character is (distributed mode).
    gateway = await startBareGateway({
      locate: async () => {
        await sleep(30);
        return undefined;
      },
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
  });

  async function characterOf(client: TestClient, name: string): Promise<string> {
    const created = await client.request('character_create', { name });
    if (!created.ok) throw new Error(`create ${name}: ${JSON.stringify(created.error)}`);
    return created.character.id as string;
  }

  it('a character_select followed at once by a disconnect leaves no character in the world (10 of 10 tries)', async () => {
    const selected: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const client = await gateway.connect(`ghost${i}`);
      const characterId = await characterOf(client, `Ghost${i}`);
      selected.push(characterId);
      client.socket.emit('character_select', { characterId });
      // Socket.IO drops a message still waiting when its disconnect arrives in the same read: leave once the select is under way.
      await sleep(2 + 2 * i);
      client.socket.disconnect();
    }
    // Long enough for every select in flight to finish (each waits ~30 ms for the registry).
    await waitFor(() => gateway.server.players === 0, { timeoutMs: 3_000, message: 'no player left on the gateway' }).catch(() => undefined);
    await sleep(300);
    const ghosts = [...gateway.zones.inWorld().keys()].filter((id) => selected.includes(id));
    expect({ ghosts: ghosts.length, playersOnGateway: gateway.server.players }).toEqual({ ghosts: 0, playersOnGateway: 0 });
  });

  it('two character_selects in a row are handled one after the other: the first character leaves before the second joins', async () => {
    const client = await gateway.connect('twice');
    const first = await characterOf(client, 'TwiceA');
    const second = await characterOf(client, 'TwiceB');
    const answers = await Promise.all([
      client.request('character_select', { characterId: first }),
      client.request('character_select', { characterId: second }),
    ]);
    expect(answers.map((answer) => answer.ok)).toEqual([true, true]);
    await sleep(100);
    const mine = gateway.zones.traffic
      .filter((t) => t.characterId === first || t.characterId === second)
      .map((t) => `${t.type} ${t.characterId === first ? 'A' : 'B'}`);
    expect(mine).toEqual(['player.join A', 'player.leave A', 'player.join B']);
    expect([...gateway.zones.inWorld().keys()].filter((id) => id === first || id === second)).toEqual([second]);
    expect(gateway.server.players).toBe(1);

    client.close();
    await waitFor(() => !gateway.zones.inWorld().has(second), { timeoutMs: 3_000, message: 'the second character to leave on disconnect' });
    expect(gateway.server.players).toBe(0);
  });

  it('a second character_select with a disconnect right behind it leaves neither character in the world', async () => {
    const selected: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const client = await gateway.connect(`pair${i}`);
      const first = await characterOf(client, `PairA${i}`);
      const second = await characterOf(client, `PairB${i}`);
      selected.push(first, second);
      client.socket.emit('character_select', { characterId: first });
      client.socket.emit('character_select', { characterId: second });
      await sleep(5 + i * 10);
      client.socket.disconnect();
    }
    await sleep(600);
    const ghosts = [...gateway.zones.inWorld().keys()].filter((id) => selected.includes(id));
    expect({ ghosts: ghosts.length, playersOnGateway: gateway.server.players }).toEqual({ ghosts: 0, playersOnGateway: 0 });
  });

  it('every leave names the session its join opened, and a re-join to a new zone owner names the current one', async () => {
    const client = await gateway.connect('sessions');
    const characterId = await characterOf(client, 'Sessions');
    for (let i = 0; i < 3; i += 1) expect((await client.request('character_select', { characterId })).ok).toBe(true);
    // What a zone's new owner is re-sent (AssignmentWatch, gateway-main.ts): the session the zone knows the character by now.
    const latestJoin = gateway.zones.traffic.filter((t) => t.characterId === characterId && t.type === 'player.join').at(-1)!;
    expect(gateway.server.charactersByZone().get(latestJoin.zoneId)).toContainEqual({ characterId, sessionId: latestJoin.sessionId });
    client.close();
    await waitFor(() => !gateway.zones.inWorld().has(characterId), { timeoutMs: 3_000, message: 'the character to leave' });
    const mine = gateway.zones.traffic.filter((t) => t.characterId === characterId && (t.type === 'player.join' || t.type === 'player.leave'));
    expect(mine.map((t) => t.type)).toEqual(['player.join', 'player.leave', 'player.join', 'player.leave', 'player.join', 'player.leave']);
    for (let i = 0; i < mine.length; i += 2) expect(mine[i + 1]!.sessionId).toBe(mine[i]!.sessionId);
    expect(new Set(mine.map((t) => t.sessionId)).size).toBe(3);
  });
});
