import { createTestDatabase } from '@aether/testing';
import { completion, FakeChatServer, json } from '../../zone/test/fake-chat-server.js';
import { startEmbedded, type EmbeddedServer } from '../src/embedded.js';
import { TestClient } from '../../gateway/test/client.js';

/**
 * Wildlife and NPCs in the whole embedded server, seen by a real Socket.IO
 * client: seeded creatures in the roster and moving, the crossroads hermit
 * greeting, answering /say from his rules, and from a (fake, local) LLM.
 */
describe('embedded server: wildlife and NPCs', () => {
  let database: { url: string; drop(): Promise<void> };
  let server: EmbeddedServer;
  let llm: FakeChatServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    llm = new FakeChatServer();
    const baseUrl = await llm.start();
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    server = await startEmbedded({
      port: 0,
      databaseUrl: database.url,
      logLevel: 'silent',
      npcLlm: { baseUrl, model: 'test-model', timeoutMs: 2000, maxTokens: 60, history: 4 },
    });
  }, 60_000);

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    await llm?.stop();
  });

  async function player(name: string): Promise<TestClient> {
    const client = await new TestClient(server.url, name.toLowerCase()).connected();
    clients.push(client);
    await client.enterWorld(name);
    return client;
  }

  it('a player at the crossroads sees wildlife and the hermit, and the wildlife moves', async () => {
    const alice = await player('Alice');
    const roster = alice.events('proximity_roster').at(-1).entities as Array<{ id: string; kind: string; name: string }>;
    const wildlife = roster.filter((entry) => entry.kind === 'wildlife');
    expect(new Set(wildlife.map((entry) => entry.name))).toEqual(new Set(['Rabbit', 'Wild boar']));
    expect(wildlife.every((entry) => entry.id.startsWith('w:crossroads-'))).toBe(true);
    expect(roster).toContainEqual(expect.objectContaining({ id: 'n:crossroads-hermit', kind: 'npc', name: 'Old Tobin' }));

    const ids = new Set(wildlife.map((entry) => entry.id));
    await alice.next('proximity_roster_delta', (delta) => delta.changed.some((entry: { id: string; moving: boolean }) => ids.has(entry.id)), 15_000);
  }, 30_000);

  it('the hermit greets a newcomer and answers /say from his rules', async () => {
    const bob = await player('Bob');
    const greeting = bob.events('event').find((event) => event.from?.id === 'n:crossroads-hermit');
    expect(greeting).toMatchObject({ type: 'speech', text: 'Old Tobin says, "Eh? A new face at the crossroads. Mind the boars."' });

    const answer = bob.next('event', (event) => event.from?.id === 'n:crossroads-hermit');
    bob.socket.emit('command', { text: '/say hello, which way to the city?' });
    expect(await answer).toMatchObject({
      type: 'speech',
      channel: 'say',
      from: { id: 'n:crossroads-hermit', name: 'Old Tobin' },
      text: 'Old Tobin says, "West is the forest, east is the city. North and south is just more grass."',
    });
  });

  it('words for the hermit that no rule covers go to the LLM, and its answer comes back as his speech, to the asker only', async () => {
    llm.respond = (_, response) => json(response, 200, completion('Once, a boar as big as a cart chased me up an oak.'));
    const carol = await player('Carol');
    const dave = await player('Dave');
    const toCarol = carol.next('event', (event) => event.from?.id === 'n:crossroads-hermit' && event.text.includes('boar as big'));
    const daveHeardCarol = dave.next('event', (event) => event.from?.name === 'Carol');
    carol.socket.emit('command', { text: 'Tobin, tell me a story' });
    expect((await toCarol).text).toBe('Old Tobin says, "Once, a boar as big as a cart chased me up an oak."');
    // Dave, standing by, hears Carol ask; what the model answers her is hers alone (docs/gameplay.md, "LLM replies").
    await daveHeardCarol;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dave.events('event').some((event) => event.text.includes('boar as big'))).toBe(false);
    const asked = llm.requests.at(-1)!.body;
    expect(asked.model).toBe('test-model');
    expect(asked.messages[0].content).toContain('Old Tobin');
    expect(asked.messages.at(-1)).toEqual({ role: 'user', content: 'Carol: Tobin, tell me a story' });
  });

  it('when the LLM fails, the hermit says his fallback line', async () => {
    llm.respond = (_, response) => json(response, 500, { error: 'boom' });
    const erin = await player('Erin');
    const answer = erin.next('event', (event) => event.from?.id === 'n:crossroads-hermit' && !event.text.includes('new face'));
    erin.socket.emit('command', { text: 'Tobin, what is the meaning of life?' });
    expect((await answer).text).toBe('Old Tobin says, "Can\'t help you with that, friend."');
  });
});
