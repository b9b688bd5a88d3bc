import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { textsOf, until, ZoneWorld, type GatewayInbox, type ZoneServer } from './zone-world.js';

const ZONE = 'zone-crossroads';

/**
 * Parties live on Redis, which needs no backup (docs/operations.md, "Backups"):
 * PostgreSQL keeps each party's membership, and the first party command after
 * a flush puts the party back for all its members.
 */
describe('parties through a Redis flush (Redis, PostgreSQL)', () => {
  let world: ZoneWorld;
  let server: ZoneServer;
  let ann: string;
  let bob: string;
  let inbox: GatewayInbox;

  beforeAll(async () => {
    world = await ZoneWorld.start();
    server = await world.server('zone-server-1', [ZONE]);
    ann = (await world.character('Ann', { zoneId: ZONE, x: 50, y: 50 })).characterId;
    bob = (await world.character('Bob', { zoneId: ZONE, x: 55, y: 50 })).characterId;
    inbox = await world.inbox('gw-1');
    for (const characterId of [ann, bob]) {
      await world.publish(ZONE, 'player.join', { characterId, gatewayId: 'gw-1', sessionId: `session-${characterId}` });
      await until(() => inbox.messages.some((m) => m.characterId === characterId && m.event === 'world_enter'), 'the join');
    }
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  const flush = async () => {
    await promisify(execFile)('redis-cli', ['-u', world.redis.url, 'FLUSHALL']);
    // As a zone server does every few seconds: the gateways find their players again.
    await server.host.republishLocations();
  };
  /** Runs a command and waits for a line starting with `prefix` that came after it. */
  const answer = async (characterId: string, text: string, prefix: string): Promise<string> => {
    const seen = textsOf(inbox, characterId).length;
    await world.command(ZONE, characterId, text);
    let line: string | undefined;
    await until(
      () =>
        (line = textsOf(inbox, characterId)
          .slice(seen)
          .find((t) => t.startsWith(prefix))) !== undefined,
      `an answer to ${text}`,
    );
    return line!;
  };

  it('keeps a party for both members after FLUSHALL, and a leave after that', async () => {
    await answer(ann, '/party invite Bob', 'You invite Bob');
    await answer(bob, '/party accept', 'You join');
    const rows = await world.db.client.partyMember.findMany({ orderBy: { position: 'asc' } });
    expect(rows.map((r) => r.characterId)).toEqual([ann, bob]);

    await flush();
    expect(await answer(bob, '/party', 'Party')).toBe('Party (2/5): Ann (leader), Bob.');
    expect(await answer(ann, '/party', 'Party')).toBe('Party (2/5): Ann (leader), Bob.');

    // Leaving after the flush is stored too: the party of one that is left disbands, here and in PostgreSQL.
    await answer(bob, '/party leave', 'You leave');
    await until(async () => (await world.db.client.party.count()) === 0, 'the disbanded party to go from PostgreSQL');
    await flush();
    expect(await answer(ann, '/party', '')).not.toContain('Party (');
    expect(await answer(bob, '/party', '')).not.toContain('Party (');
  }, 60_000);
});
