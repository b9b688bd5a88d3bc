import { jest } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { waitFor } from '@aether/testing';
import type { TestClient } from './client.js';
import { sleep, startBareGateway, type BareGateway } from './gateway-fixture.js';

jest.setTimeout(60_000);

/** The first `event` the client got, whether it came before this call or after. */
async function firstOf<T = any>(client: TestClient, event: 'error' | 'resume_token'): Promise<T> {
  return client.events<T>(event)[0] ?? client.next<T>(event);
}
const firstError = (client: TestClient) => firstOf<{ code: string; message: string }>(client, 'error');

/**
 * What a socket may see and do is its own account's, and a character is in
 * the world through one connection at a time. The zones' side is played by
 * the test (gateway-fixture.ts), which sees every join and leave.
 */
describe('sessions: authorization, one live session per character, kicks, resume tokens', () => {
  let gateway: BareGateway;

  beforeAll(async () => {
    gateway = await startBareGateway();
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
  });

  it("a client cannot list or select another account's characters, by id or by guessing", async () => {
    const alice = await gateway.connect('alice');
    const bob = await gateway.connect('bob');
    const aliceIds: string[] = [];
    for (const name of ['AliceOne', 'AliceTwo']) aliceIds.push((await alice.request('character_create', { name })).character.id);
    const bobsOwn = (await bob.request('character_create', { name: 'BobOne' })).character.id;

    const listed = await bob.request('character_list');
    expect(listed.characters.map((c: { id: string }) => c.id)).toEqual([bobsOwn]);
    expect((await alice.request('character_list')).characters.map((c: { id: string }) => c.id).sort()).toEqual([...aliceIds].sort());

    const guesses = [...aliceIds, randomUUID(), '00000000-0000-0000-0000-000000000000', aliceIds[0]!.toUpperCase(), `${aliceIds[0]} `, 'x'];
    for (const characterId of guesses) {
      const answer = await bob.request('character_select', { characterId });
      expect({ characterId, answer }).toEqual({ characterId, answer: { ok: false, error: { code: 'not_found', message: expect.any(String) } } });
    }
    // Bob is in no world, and nothing joined for Alice's characters.
    expect((await bob.request('command', { text: 'hello' })).error.code).toBe('not_in_world');
    for (const id of aliceIds) expect(gateway.zones.count('player.join', id)).toBe(0);
    expect((await bob.request('character_select', { characterId: bobsOwn })).ok).toBe(true);
  });

  it('one live session per character: the newest connection wins, the older is told already_in_world and closed, and no leave pulls the character out', async () => {
    const older = await gateway.connect('carol');
    const characterId = (await older.request('character_create', { name: 'Carol' })).character.id;
    expect((await older.request('character_select', { characterId })).ok).toBe(true);
    const told = older.next('error', (e) => e.code === 'already_in_world');
    const closed = new Promise<void>((resolve) => older.socket.once('disconnect', () => resolve()));

    const newer = await gateway.connect('carol');
    expect((await newer.request('character_select', { characterId })).ok).toBe(true);
    await told;
    await closed;
    await sleep(200);
    const mine = gateway.zones.traffic.filter((t) => t.characterId === characterId && (t.type === 'player.join' || t.type === 'player.leave'));
    // The older session joined and (its socket closed before the newer joined) may have left; the newer joined last and stays.
    const joins = mine.filter((t) => t.type === 'player.join');
    expect(joins).toHaveLength(2);
    const [olderSession, newerSession] = joins.map((t) => t.sessionId);
    expect(mine.at(-1)).toMatchObject({ type: 'player.join', sessionId: newerSession });
    expect(mine.filter((t) => t.type === 'player.leave').every((t) => t.sessionId === olderSession)).toBe(true);
    expect(gateway.zones.inWorld().get(characterId)).toBe(newerSession);
    const displaced = await gateway.registry.getSingleMetric('aether_gateway_displaced_sessions_total')!.get();
    expect(displaced.values[0]!.value).toBe(1);
    // The newer connection plays; the older one's input goes nowhere.
    expect(await newer.request('command', { text: 'still here' })).toEqual({ ok: true });

    // Another account cannot take the character over.
    const mallory = await gateway.connect('mallory');
    expect((await mallory.request('character_select', { characterId })).error.code).toBe('not_found');
    expect(newer.socket.connected).toBe(true);

    newer.close();
    await waitFor(() => !gateway.zones.inWorld().has(characterId), { timeoutMs: 3000, message: 'the leave on disconnect' });
    expect(gateway.zones.traffic.filter((t) => t.characterId === characterId && t.type === 'player.leave').at(-1)!.sessionId).toBe(newerSession);
  });

  it.each(['kicked', 'banned'] as const)(
    'player.kick (%s) from a zone: the client hears the code and message, is disconnected, and leaves the world',
    async (code) => {
      const client = await gateway.connect(`kickme${code}`);
      const characterId = (await client.request('character_create', { name: `Kick${code}` })).character.id;
      expect((await client.request('character_select', { characterId })).ok).toBe(true);
      const heard = client.next('error', (e) => e.code === code);
      const closed = new Promise<void>((resolve) => client.socket.once('disconnect', () => resolve()));
      await gateway.zones.toGateway(gateway.gatewayId, { characterId, code, message: 'An admin closed your session.' }, 'player.kick');
      expect(await heard).toEqual({ code, message: 'An admin closed your session.' });
      await closed;
      await waitFor(() => !gateway.zones.inWorld().has(characterId), { timeoutMs: 3000, message: 'the kicked character to leave' });
      // A kick for a character not on this gateway is ignored.
      await gateway.zones.toGateway(gateway.gatewayId, { characterId: randomUUID(), code, message: 'nobody' }, 'player.kick');
    },
  );

  it('resume tokens: stored hashed, single-use, replaced by the one a resume hands out, and only for their own account', async () => {
    const first = await gateway.connect('dave');
    const characterId = (await first.request('character_create', { name: 'Dave' })).character.id;
    const selected = await first.request('character_select', { characterId });
    const token: string = selected.resumeToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const keys = await gateway.bus.keys('session:resume');
    expect(keys.some((key) => key.includes(token))).toBe(false);
    expect(keys).toContain(`session:resume:${createHash('sha256').update(token).digest('hex')}`);
    first.close();
    await waitFor(() => !gateway.zones.inWorld().has(characterId), { timeoutMs: 3000, message: 'the first session to end' });

    // Another account holding the token gets nothing (and the token is spent).
    const thief = await gateway.connect('eve', { resume: token });
    expect((await firstError(thief)).code).toBe('unauthorized');

    const issued = await gateway.connect('dave');
    const fresh = (await issued.request('character_select', { characterId })).resumeToken as string;
    issued.close();
    await waitFor(() => !gateway.zones.inWorld().has(characterId), { timeoutMs: 3000, message: 'the second session to end' });

    const resumed = await gateway.connect('dave', { resume: fresh });
    const next = await firstOf<{ resumeToken: string }>(resumed, 'resume_token');
    expect(next.resumeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(next.resumeToken).not.toBe(fresh);
    await waitFor(() => gateway.zones.inWorld().has(characterId), { timeoutMs: 3000, message: 'the resumed session to join' });
    expect(resumed.events('error')).toEqual([]);

    // Used once: the same token again is refused.
    const replay = await gateway.connect('dave', { resume: fresh });
    expect((await firstError(replay)).code).toBe('unauthorized');
    expect(resumed.socket.connected).toBe(true);
  });

  it("revokeSessions (logout) makes the account's resume token useless", async () => {
    const client = await gateway.connect('frank');
    const characterId = (await client.request('character_create', { name: 'Frank' })).character.id;
    const token = (await client.request('character_select', { characterId })).resumeToken as string;
    client.close();
    const accountId = (await gateway.bus.keys('session:resume-account:')).map((key) => key.split(':').at(-1)!);
    for (const id of accountId) await gateway.server.revokeSessions(id);
    const again = await gateway.connect('frank', { resume: token });
    expect((await firstError(again)).code).toBe('unauthorized');
  });
});
