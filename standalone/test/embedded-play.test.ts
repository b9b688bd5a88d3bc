import { PROTOCOL_VERSION } from '@aether/shared/wire';
import { TestClient } from '../../gateway/test/client.js';
import { useEmbeddedServer } from '../../test/fixtures/embedded-fixture.js';

/**
 * The whole embedded server (gateway + all zones + real PostgreSQL) driven by
 * real Socket.IO clients, as a browser or the MUD client would.
 */
describe('embedded server', () => {
  const embedded = useEmbeddedServer();
  const client = (name: string) => embedded.connect(name);

  it('two players see each other arrive and move in proximity_roster_delta', async () => {
    const alice = await client('alice');
    await alice.enterWorld('Alice');
    const bob = await client('bob');
    const aliceSeesBob = alice.next('proximity_roster_delta', (d) => d.added.some((e: any) => e.name === 'Bob'));
    await bob.enterWorld('Bob');
    const arrival = await aliceSeesBob;
    const bobEntry = arrival.added.find((e: any) => e.name === 'Bob');
    expect(bobEntry).toMatchObject({ kind: 'player', range: expect.any(Number), bearing: expect.any(Number), elevation: 0 });
    expect(
      bob
        .events('proximity_roster')
        .at(-1)
        .entities.map((e: any) => e.name),
    ).toContain('Alice');

    const moved = alice.next('proximity_roster_delta', (d) => d.changed.some((e: any) => e.id === bobEntry.id && e.moving));
    bob.socket.emit('move', { heading: 90, speed: 5 });
    const change = (await moved).changed.find((e: any) => e.id === bobEntry.id);
    expect(change.heading).toBe(90);
    // Walking straight on needs no news: Alice's client carries Bob forward, and hears again when he stops.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stopped = alice.next('proximity_roster_delta', (d) => d.changed.some((e: any) => e.id === bobEntry.id && !e.moving));
    bob.socket.emit('move', { stop: true });
    const halt = (await stopped).changed.find((e: any) => e.id === bobEntry.id);
    expect(halt.x).toBeGreaterThan(bobEntry.x + 1);
  });

  it('speech reaches the nearby player', async () => {
    const carol = await client('carol');
    await carol.enterWorld('Carol');
    const dave = await client('dave');
    await dave.enterWorld('Dave');
    const heard = dave.next('event', (e) => e.type === 'speech' && e.text.includes('hello there'));
    carol.socket.emit('command', { text: 'hello there' });
    expect((await heard).text).toBe('Carol says, "hello there"');
  });

  let round = 0;
  it.each([
    ['move', { heading: 'north', speed: 5 }],
    ['move', { target: { x: 'a' } }],
    ['move', null],
    ['command', { text: '' }],
    ['command', { text: 'x'.repeat(501) }],
    ['command', 'just a string'],
    ['character_create', { name: 'no spaces allowed' }],
    ['character_create', { name: 'ab' }],
    ['character_create', { name: 'Valid', extra: true }],
    ['character_select', {}],
    ['no_such_event', { a: 1 }],
  ])('bad %s payload %j gets an error event; the server and other players carry on', async (event, payload) => {
    // Accounts of their own each time: an account holds at most LIMIT_CHARACTERS_PER_ACCOUNT characters.
    round += 1;
    const victim = await client(`eve${round}`);
    await victim.enterWorld(`Eve${Math.floor(Math.random() * 1e6)}`);
    const attacker = await client(`mallory${round}`);
    await attacker.enterWorld(`Mal${Math.floor(Math.random() * 1e6)}`);
    const error = attacker.next('error');
    attacker.socket.emit(event, payload);
    expect(await error).toEqual({ code: expect.stringMatching(/invalid_payload|unknown_event/), message: expect.any(String) });
    expect(attacker.socket.connected).toBe(true);
    // The other player is unaffected and the attacker can still play.
    const heard = victim.next('event', (e) => e.text.includes('still here'));
    attacker.socket.emit('command', { text: 'still here' });
    await heard;
    expect(victim.events('error')).toEqual([]);
  });

  it('character names are unique regardless of case, with a clear error', async () => {
    const frank = await client('frank');
    expect((await frank.request('character_create', { name: 'Frank' })).ok).toBe(true);
    const grace = await client('grace');
    const again = await grace.request('character_create', { name: 'fRANK' });
    expect(again).toEqual({ ok: false, error: { code: 'name_taken', message: expect.stringContaining('fRANK') } });
  });

  it('a player cannot select someone else’s character', async () => {
    const owner = await client('owner');
    const created = await owner.request('character_create', { name: 'Owned' });
    const thief = await client('thief');
    expect(await thief.request('character_select', { characterId: created.character.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('commands before entering the world are refused politely', async () => {
    const early = await client('early');
    const error = early.next('error');
    early.socket.emit('command', { text: '/look' });
    expect(await error).toMatchObject({ code: 'not_in_world' });
  });

  it('a bad handshake token is refused with a reason', async () => {
    const stranger = new TestClient(embedded.url, 'x', { token: 'not-a-dev-token' });
    await expect(stranger.connected()).rejects.toThrow(/dev:<name>/);
    stranger.close();
  });

  it('a client of an older protocol is refused at once, told to update, with code outdated_client', async () => {
    for (const protocol of [undefined, 1]) {
      const old = new TestClient(embedded.url, 'oldtimer', { protocol });
      const refusal = await old.connected().then(
        () => undefined,
        (error: Error & { data?: { code?: string } }) => error,
      );
      expect(refusal?.message).toMatch(/speaks (an older protocol|protocol 1); this server speaks protocol 2\. Reload the page or update the client/);
      expect(refusal?.data).toEqual({ code: 'outdated_client' });
      old.close();
    }
  });

  it('serves /health, /ready, /api/info and the web client, and /metrics on the ops port only', async () => {
    const health = await (await fetch(`${embedded.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', type: 'gateway', serverId: expect.any(String), connected: expect.any(Number) });
    // Readiness: the database answers and the zones tick (the bus is in-process).
    const ready = await fetch(`${embedded.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true }, tick: { ok: true } } });
    const info = await (await fetch(`${embedded.url}/api/info`)).json();
    expect(info.zones).toEqual(expect.arrayContaining(['zone-crossroads', 'zone-forest', 'zone-city']));
    // The version a client must send in its handshake: what a third-party client reads before connecting.
    expect(info.protocol).toEqual({ version: PROTOCOL_VERSION, transport: 'socket.io' });
    expect((await fetch(`${embedded.url}/metrics`)).status).toBe(404);
    const metrics = await (await fetch(`${embedded.opsUrl}/metrics`)).text();
    expect(metrics).toContain('aether_gateway_connections');
    expect(metrics).toContain('aether_zone_tick_duration_seconds');
    const page = await fetch(`${embedded.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${embedded.url}/../../package.json`)).status).toBe(404);
  });
});
