import { createTestDatabase } from '@aether/testing';
import { startEmbedded } from '../src/embedded.js';
import { TestClient } from '../../gateway/test/client.js';

describe('embedded server restart', () => {
  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('keeps characters and their positions across a stop and start', async () => {
    const first = await startEmbedded({ port: 0, databaseUrl: database.url, logLevel: 'silent' });
    const walker = await new TestClient(first.url, 'walker').connected();
    const { characterId } = await walker.enterWorld('Walker');
    const enter = walker.events('world_enter')[0];
    const target = { x: enter.character.x + 6, y: enter.character.y - 4 };
    const arrived = walker.next('state_update', (u) => u.character?.moving === false, 10_000);
    walker.socket.emit('move', { target });
    const final = (await arrived).character;
    expect([final.x, final.y]).toEqual([target.x, target.y]);
    walker.close();
    await first.close();

    const second = await startEmbedded({ port: 0, databaseUrl: database.url, logLevel: 'silent' });
    try {
      const again = await new TestClient(second.url, 'walker').connected();
      const list = await again.request('character_list');
      expect(list).toEqual({ ok: true, characters: [expect.objectContaining({ id: characterId, name: 'Walker' })] });
      const entered = again.next('world_enter');
      expect(await again.request('character_select', { characterId })).toEqual({ ok: true, resumeToken: expect.any(String) });
      expect((await entered).character).toMatchObject({ x: target.x, y: target.y, zoneId: 'zone-crossroads' });
      again.close();
    } finally {
      await second.close();
    }
    // Two start-ups and a walk: about 3 s on a quiet machine, more on a loaded CI runner.
  }, 30_000);
});
