import { PrismaAuditLogRepository } from '@aether/shared/db';
import { PERMANENT_BAN_UNTIL } from '../src/admin/ban.js';
import { textsOf, until, ZoneWorld, type GatewayInbox, type ZoneServer } from './zone-world.js';

/**
 * Admin commands end to end on two real zone servers (createZoneHost) sharing
 * a real Redis and PostgreSQL: Root (role admin in the database) plays in the
 * crossroads on one server, Pleb in the city on the other. Every action is
 * audited in PostgreSQL; kick and ban reach Pleb's gateway as player.kick;
 * mute applies at once on the other server; a player without the role is
 * refused, and so is an admin whose role was revoked mid-session.
 */
describe('admin commands (two zone servers, Redis, PostgreSQL)', () => {
  let world: ZoneWorld;
  let crossroads: ZoneServer;
  let city: ZoneServer;
  let root: { accountId: string; characterId: string };
  let pleb: { accountId: string; characterId: string };
  let rootInbox: GatewayInbox;
  let plebInbox: GatewayInbox;
  const audit = () => new PrismaAuditLogRepository(world.db.client).recent(100);
  const account = (id: string) => world.db.client.account.findUniqueOrThrow({ where: { id } });
  /** Runs a command and waits for the next line it gets back. */
  async function as(who: 'root' | 'pleb', text: string): Promise<string> {
    const [inbox, character, zoneId] = who === 'root' ? [rootInbox, root, rootZone] : [plebInbox, pleb, plebZone];
    const before = textsOf(inbox, character.characterId).length;
    await world.command(zoneId, character.characterId, text);
    await until(() => textsOf(inbox, character.characterId).length > before, `an answer to ${text}`);
    return textsOf(inbox, character.characterId)[before]!;
  }
  const rootZone = 'zone-crossroads';
  let plebZone = 'zone-city';

  beforeAll(async () => {
    world = await ZoneWorld.start();
    crossroads = await world.server('zone-server-a', ['zone-crossroads']);
    city = await world.server('zone-server-b', ['zone-city', 'zone-forest']);
    root = await world.character('Root', { zoneId: 'zone-crossroads', x: 100, y: 100 }, 'admin');
    pleb = await world.character('Pleb', { zoneId: 'zone-city', x: 300, y: 100 });
    rootInbox = await world.inbox('gw-root');
    plebInbox = await world.inbox('gw-pleb');
    await world.publish('zone-crossroads', 'player.join', { characterId: root.characterId, gatewayId: 'gw-root', sessionId: 'session-root' });
    await world.publish('zone-city', 'player.join', { characterId: pleb.characterId, gatewayId: 'gw-pleb', sessionId: 'session-pleb' });
    await until(() => crossroads.host.playerCount === 1 && city.host.playerCount === 1, 'both players in the world');
    await until(
      () => rootInbox.messages.some((m) => m.event === 'world_enter') && plebInbox.messages.some((m) => m.event === 'world_enter'),
      'world_enter for both',
    );
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('a player without the admin role is refused (forbidden) and nothing is audited', async () => {
    expect(await as('pleb', '/kick Root')).toBe('! forbidden: Only administrators can use /kick.');
    expect(await as('pleb', '/announce free gold')).toBe('! forbidden: Only administrators can use /announce.');
    expect(await audit()).toEqual([]);
    expect(rootInbox.kicks).toEqual([]);
  });

  it('/mute on one server silences the target on the other at once, with until when; /unmute lifts it', async () => {
    const before = Date.now();
    expect(await as('root', '/mute Pleb 10 spamming')).toMatch(/^Pleb is muted until \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
    await until(() => textsOf(plebInbox, pleb.characterId).some((line) => line.startsWith('An administrator muted you until')), 'the notice to Pleb');
    const muted = await account(pleb.accountId);
    expect(muted.mutedUntil!.getTime()).toBeGreaterThanOrEqual(before + 10 * 60_000);
    expect(muted.mutedUntil!.getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
    expect(await as('pleb', 'hello?')).toMatch(/^! muted: You are muted until \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);

    expect(await as('root', '/unmute Pleb')).toBe('Pleb may chat again.');
    await until(() => textsOf(plebInbox, pleb.characterId).includes('You may chat again.'), 'the unmute notice');
    expect((await account(pleb.accountId)).mutedUntil).toBeNull();
    expect(await as('pleb', 'hello!')).toBe('You say, "hello!"');

    const [unmute, mute] = await audit();
    expect(mute).toMatchObject({
      actorId: root.accountId,
      actorName: 'root',
      action: 'mute',
      target: 'Pleb',
      details: { as: 'Root', minutes: 10, reason: 'spamming', accountId: pleb.accountId },
    });
    expect(unmute).toMatchObject({ actorId: root.accountId, action: 'unmute', target: 'Pleb' });
  });

  it('a mute stored in the database holds when the player joins again', async () => {
    await as('root', '/mute Pleb 5');
    await world.publish('zone-city', 'player.join', { characterId: pleb.characterId, gatewayId: 'gw-pleb', sessionId: 'session-pleb-2' });
    await until(() => plebInbox.messages.filter((m) => m.event === 'world_enter').length === 2, 'the re-join');
    expect(await as('pleb', 'still muted?')).toMatch(/^! muted: /);
    await as('root', '/unmute Pleb');
    await until(() => textsOf(plebInbox, pleb.characterId).filter((line) => line === 'You may chat again.').length === 2, 'the unmute');
  });

  it('/kick reaches the target’s gateway (on the other server) as player.kick, with the reason', async () => {
    expect(await as('root', '/kick Pleb be nice')).toBe('You kick Pleb.');
    await until(() => plebInbox.kicks.length === 1, 'player.kick on gw-pleb');
    expect(plebInbox.kicks).toEqual([{ characterId: pleb.characterId, code: 'kicked', message: 'You were kicked by an administrator: be nice.' }]);
    expect((await audit())[0]).toMatchObject({ action: 'kick', target: 'Pleb', details: { reason: 'be nice', characterId: pleb.characterId } });
  });

  it('/ban stores banned_until and the reason, and kicks the account’s characters; /unban lifts it', async () => {
    const before = Date.now();
    expect(await as('root', '/ban Pleb 2h cheating')).toMatch(/^pleb \(Pleb\) is banned until .* UTC; 1 character disconnected\.$/);
    await until(() => plebInbox.kicks.length === 2, 'the ban’s player.kick');
    expect(plebInbox.kicks[1]).toEqual({
      characterId: pleb.characterId,
      code: 'banned',
      message: expect.stringMatching(/^This account is banned until .* UTC: cheating\.$/),
    });
    const banned = await account(pleb.accountId);
    expect(banned.banReason).toBe('cheating');
    expect(banned.bannedUntil!.getTime()).toBeGreaterThanOrEqual(before + 2 * 3_600_000);

    expect(await as('root', '/ban Pleb perm')).toMatch(/banned for good/);
    expect((await account(pleb.accountId)).bannedUntil!.getTime()).toBe(PERMANENT_BAN_UNTIL);
    await until(() => plebInbox.kicks.length === 3, 'the second ban’s player.kick');

    // The zone itself keeps a banned account out, should a join get past the gateway (a ban racing a select).
    await world.publish('zone-city', 'player.join', { characterId: pleb.characterId, gatewayId: 'gw-pleb', sessionId: 'session-pleb-banned' });
    await until(() => plebInbox.kicks.length === 4 && city.host.playerCount === 0, 'the zone to put the banned account out');
    expect(plebInbox.kicks[3]).toEqual({ characterId: pleb.characterId, code: 'banned', message: 'This account is banned for good.' });

    expect(await as('root', '/unban Pleb')).toBe('pleb (Pleb) may log in again.');
    const lifted = await account(pleb.accountId);
    expect(lifted.bannedUntil).toBeNull();
    expect(lifted.banReason).toBeNull();
    const entered = plebInbox.messages.filter((m) => m.event === 'world_enter').length;
    await world.publish('zone-city', 'player.join', { characterId: pleb.characterId, gatewayId: 'gw-pleb', sessionId: 'session-pleb-2' });
    await until(() => plebInbox.messages.filter((m) => m.event === 'world_enter').length === entered + 1, 'Pleb back in the world');
    expect((await audit()).slice(0, 3).map((row) => row.action)).toEqual(['unban', 'ban', 'ban']);
  });

  it('/announce reaches every player on every server', async () => {
    await world.command(rootZone, root.characterId, '/announce Restart in 5 minutes');
    const line = '[Announcement] Root: Restart in 5 minutes';
    // The announcement and the reply to Root travel separately; either may come first.
    await until(
      () => textsOf(plebInbox, pleb.characterId).includes(line) && textsOf(rootInbox, root.characterId).includes(line),
      'the announcement everywhere',
    );
    await until(() => textsOf(rootInbox, root.characterId).includes('Announced.'), 'the reply to Root');
    expect((await audit())[0]).toMatchObject({ action: 'announce', target: 'world', details: { text: 'Restart in 5 minutes' } });
  });

  it('/teleport moves a player across servers (the transfer machinery) and within a zone', async () => {
    expect(await as('root', '/teleport Pleb crossroads 50 60')).toBe('Teleporting Pleb to The Crossroads (50, 60).');
    const arrived = () => plebInbox.messages.find((m) => m.event === 'world_enter' && m.data.zone.id === 'zone-crossroads');
    await until(() => crossroads.host.playerCount === 2 && city.host.playerCount === 0 && arrived() !== undefined, 'Pleb in the crossroads');
    plebZone = 'zone-crossroads';
    const arrival = arrived()!;
    expect(arrival.event === 'world_enter' && arrival.data.character).toMatchObject({ zoneId: 'zone-crossroads', x: 50, y: 60 });
    expect(await crossroads.registry.getLocation(pleb.characterId)).toMatchObject({
      zoneId: 'zone-crossroads',
      serverId: 'zone-server-a',
      gatewayId: 'gw-pleb',
    });

    expect(await as('root', '/tp me zone-crossroads 120 130')).toBe('Teleporting Root to The Crossroads (120, 130).');
    await until(() => textsOf(rootInbox, root.characterId).includes('You are teleported to (120, 130).'), 'Root moved');

    expect(await as('root', '/teleport Pleb narnia')).toMatch(/^! not_found: There is no zone narnia\. Zones: /);
    expect(await as('root', '/teleport Pleb city 5 5')).toBe('! invalid_command: (5, 5) is outside Aether City: x 200..400, y 0..200.');
    expect(await as('root', '/kick Nobody')).toBe('! not_found: No one is called Nobody.');
    expect((await audit()).filter((row) => row.action === 'teleport').map((row) => row.details)).toEqual([
      expect.objectContaining({ zoneId: 'zone-crossroads', x: 120, y: 130 }),
      expect.objectContaining({ from: 'zone-city', zoneId: 'zone-crossroads', x: 50, y: 60 }),
    ]);

    // Pleb's session came along: an older session's leave is ignored in the new zone, the current one's honoured,
    // even when the gateway still sends it to the zone Pleb was teleported out of.
    await world.publish('zone-crossroads', 'player.leave', { characterId: pleb.characterId, sessionId: 'session-pleb' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(crossroads.host.playerCount).toBe(2);
    await world.publish('zone-city', 'player.leave', { characterId: pleb.characterId, sessionId: 'session-pleb-2' });
    await until(() => crossroads.host.playerCount === 1, 'Pleb to leave');
  });

  it('an admin whose role was revoked mid-session is refused by the check against the database', async () => {
    await world.db.client.account.update({ where: { id: root.accountId }, data: { role: 'player' } });
    const rows = (await audit()).length;
    expect(await as('root', '/kick Pleb')).toBe('! forbidden: Only administrators can use /kick.');
    expect(await audit()).toHaveLength(rows);
    const actions = await crossroads.metrics.getSingleMetric('aether_zone_admin_actions_total')!.get();
    expect(actions.values).toContainEqual(expect.objectContaining({ labels: { kind: 'kick', result: 'refused' }, value: 1 }));
  });
});
