import { jest } from '@jest/globals';
import { sleep } from '../../gateway/test/gateway-fixture.js';
import { useEmbeddedServer } from '../../test/fixtures/embedded-fixture.js';

jest.setTimeout(60_000);

/**
 * A socket's select racing its own disconnect, against real zones (the
 * gateway's side of the race: gateway/test/session-races.test.ts): no
 * character the join put in the world may stay behind for others to see.
 */
describe('session races in the one-process game (real zones)', () => {
  const embedded = useEmbeddedServer();

  it('a select followed at once by a disconnect leaves no ghost for other players to see', async () => {
    const names: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const client = await embedded.connect(`wraith${i}`);
      const created = await client.request('character_create', { name: `Wraith${i}` });
      names.push(created.character.name);
      client.socket.emit('character_select', { characterId: created.character.id });
      await sleep(1 + i);
      client.socket.disconnect();
    }
    await sleep(1000);
    // A newcomer at the same spawn point sees who is really there.
    const observer = await embedded.connect('observer');
    await observer.enterWorld('Observer');
    const roster = observer.events('proximity_roster').at(-1) as { entities: Array<{ name: string; kind: string }> };
    const ghosts = roster.entities.filter((entity) => entity.kind === 'player' && names.includes(entity.name)).map((entity) => entity.name);
    expect(ghosts).toEqual([]);
  });
});
