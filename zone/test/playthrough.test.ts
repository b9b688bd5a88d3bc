import type { Belongings, ClientMessage, QuestEntry } from '@aether/shared';
import { textsOf, until, ZoneWorld, type GatewayInbox } from './zone-world.js';

type StateUpdate = Extract<ClientMessage, { event: 'state_update' }>['data'];

function updates(inbox: GatewayInbox, characterId: string): StateUpdate[] {
  return inbox.messages.flatMap((m) => (m.characterId === characterId && m.event === 'state_update' ? [m.data] : []));
}
const latest = <K extends keyof StateUpdate>(inbox: GatewayInbox, characterId: string, key: K): StateUpdate[K] | undefined =>
  updates(inbox, characterId)
    .filter((update) => update[key] !== undefined)
    .at(-1)?.[key];
const belongings = (inbox: GatewayInbox, id: string) => latest(inbox, id, 'belongings') as Belongings | undefined;
const quest = (inbox: GatewayInbox, id: string, questId: string) => (latest(inbox, id, 'quests') as QuestEntry[] | undefined)?.find((q) => q.id === questId);
const held = (b: Belongings | undefined, itemId: string) =>
  (b?.bags ?? []).filter((stack) => stack.itemId === itemId).reduce((sum, stack) => sum + stack.quantity, 0);

/**
 * The first hour of play, on a zone server with real Redis and PostgreSQL and
 * the seeded world: a new character takes Old Tobin's boar bounty, kills a
 * boar, loots its pelt, turns the bounty in, wears the reward, sells the pelt
 * to Merchant Sela in the city, buys a healing draught and drinks it, logs out
 * and back in, and has kept all of it. (The character is an admin only to
 * /spawn its boar and /teleport to the city instead of walking 230 m.)
 */
describe('a new character plays through the first hour (Redis, PostgreSQL)', () => {
  let world: ZoneWorld;

  beforeAll(async () => {
    world = await ZoneWorld.start();
    // A boar that dies at the first blow: the test is about what follows the kill.
    await world.db.client.species.update({ where: { id: 'boar' }, data: { hp: 3, hpPerLevel: 0 } });
    await world.server('zone-server-1', ['zone-crossroads', 'zone-city']);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('bounty, loot, vendor, draught, reward, relog: all of it kept', async () => {
    const inbox = await world.inbox('gw-play');
    const { characterId } = await world.character('Wanderer', { zoneId: 'zone-crossroads', x: 110, y: 104 }, 'admin');
    // Hurt, so the draught has something to heal.
    await world.db.client.character.update({ where: { id: characterId }, data: { hp: 30 } });
    await world.publish('zone-crossroads', 'player.join', { characterId, gatewayId: 'gw-play', sessionId: 'session-play-1' });
    await until(() => belongings(inbox, characterId) !== undefined, 'the belongings on entering');
    expect(belongings(inbox, characterId)).toMatchObject({ coins: 10, bags: [], equipment: [{ slot: 'weapon', itemId: 'rusty-sword' }] });
    await until(() => quest(inbox, characterId, 'boar-bounty')?.status === 'offered', 'Old Tobin’s bounty offered');

    await world.command('zone-crossroads', characterId, '/accept boar bounty');
    await until(() => quest(inbox, characterId, 'boar-bounty')?.status === 'active', 'the bounty accepted');

    await world.command('zone-crossroads', characterId, '/spawn boar');
    await until(() => textsOf(inbox, characterId).some((text) => text.startsWith('You spawn a level 1 Wild boar')), 'the boar');
    await world.command('zone-crossroads', characterId, '/attack "wild boar"');
    await until(
      () =>
        (latest(inbox, characterId, 'loot') as { items: Array<{ itemId: string }> } | null | undefined)?.items.some((s) => s.itemId === 'boar-pelt') ?? false,
      'the pelt in the loot window',
      15_000,
    );
    await until(() => quest(inbox, characterId, 'boar-bounty')?.status === 'ready', 'the kill counted');
    await world.command('zone-crossroads', characterId, '/loot');
    await until(() => held(belongings(inbox, characterId), 'boar-pelt') === 1, 'the pelt in the bags');

    await world.command('zone-crossroads', characterId, '/turnin boar bounty');
    await until(() => quest(inbox, characterId, 'boar-bounty')?.status === 'done', 'the bounty turned in');
    await until(() => held(belongings(inbox, characterId), 'tusker-boots') === 1, 'the reward in the bags');
    expect(belongings(inbox, characterId)!.coins).toBe(20);
    await world.command('zone-crossroads', characterId, '/equip tusker boots');
    await until(() => belongings(inbox, characterId)?.equipment.some((s) => s.slot === 'feet' && s.itemId === 'tusker-boots') ?? false, 'the boots worn');

    // Into the city: its zone tells the belongings again on arrival.
    inbox.messages.length = 0;
    await world.command('zone-crossroads', characterId, '/teleport me zone-city 333 100');
    await until(() => belongings(inbox, characterId) !== undefined, 'the belongings in the city');
    const pelts = held(belongings(inbox, characterId), 'boar-pelt');
    await world.command('zone-city', characterId, '/sell boar pelt');
    await until(() => held(belongings(inbox, characterId), 'boar-pelt') === pelts - 1, 'the pelt sold');
    expect(belongings(inbox, characterId)!.coins).toBe(26);
    await world.command('zone-city', characterId, '/buy healing draught');
    await until(() => held(belongings(inbox, characterId), 'healing-draught') === 1, 'the draught bought');
    expect(belongings(inbox, characterId)!.coins).toBe(18);
    await world.command('zone-city', characterId, '/use healing draught');
    await until(() => held(belongings(inbox, characterId), 'healing-draught') === 0, 'the draught drunk');
    const before = belongings(inbox, characterId)!;

    await world.publish('zone-city', 'player.leave', { characterId, sessionId: 'session-play-1' });
    await until(async () => (await world.db.client.character.findUniqueOrThrow({ where: { id: characterId } })).coins === 18, 'the purse written');
    inbox.messages.length = 0;
    await world.publish('zone-city', 'player.join', { characterId, gatewayId: 'gw-play', sessionId: 'session-play-2' });
    await until(
      () => belongings(inbox, characterId) !== undefined && latest(inbox, characterId, 'quests') !== undefined,
      'the belongings and quests after the relog',
    );
    expect(belongings(inbox, characterId)).toEqual(before);
    expect(belongings(inbox, characterId)!.equipment).toEqual([
      expect.objectContaining({ slot: 'weapon', itemId: 'rusty-sword', detail: expect.stringContaining('starting weapon') }),
      expect.objectContaining({ slot: 'feet', itemId: 'tusker-boots' }),
    ]);
    expect(quest(inbox, characterId, 'boar-bounty')?.status).toBe('done');
    const row = await world.db.client.character.findUniqueOrThrow({ where: { id: characterId } });
    expect({ coins: row.coins, xp: row.xp }).toEqual({ coins: 18, xp: expect.any(Number) });
    expect(row.xp).toBeGreaterThanOrEqual(25);
    expect(await world.db.client.characterQuest.findMany({ where: { characterId }, select: { questId: true, status: true } })).toEqual([
      { questId: 'boar-bounty', status: 'done' },
    ]);
  }, 90_000);
});
