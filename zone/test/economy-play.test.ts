import { textsOf, until, ZoneWorld, type GatewayInbox } from './zone-world.js';

/**
 * Vendors and quests on a real zone server as the game assembles it
 * (createZoneHost), with Redis and a seeded PostgreSQL: the quest list
 * arrives on entering, near Merchant Sela a purchase changes the
 * belongings, and near Guard Aldric his bounty is offered and accepted.
 */
describe('vendors and quests on a zone server', () => {
  let world: ZoneWorld;
  let inbox: GatewayInbox;
  let characterId: string;

  async function answer(text: string): Promise<string> {
    const before = textsOf(inbox, characterId).length;
    await world.command('zone-city', characterId, text);
    await until(() => textsOf(inbox, characterId).length > before, `an answer to ${text}`);
    return textsOf(inbox, characterId)[before]!;
  }
  const updates = () => inbox.messages.flatMap((m) => (m.characterId === characterId && m.event === 'state_update' ? [m.data] : []));

  beforeAll(async () => {
    world = await ZoneWorld.start();
    const server = await world.server('zone-server-a', ['zone-city']);
    ({ characterId } = await world.character('Shopper', { zoneId: 'zone-city', x: 333, y: 100 }));
    inbox = await world.inbox('gw-1');
    await world.publish('zone-city', 'player.join', { characterId, gatewayId: 'gw-1', sessionId: 'session-1' });
    await until(() => server.host.playerCount === 1, 'the player in the world');
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('sends the quest list on entering, trades with the vendor, and takes a quest from its giver', async () => {
    await until(() => updates().some((update) => update.quests !== undefined), 'state_update.quests on entering');
    expect(updates().find((update) => update.quests)!.quests).toEqual([]);

    expect(await answer('/buy rope 2')).toBe('You buy 2 × Rope from Merchant Sela for 4 coins. You have 6 coins.');
    await until(() => updates().some((update) => update.belongings?.coins === 6), 'the new belongings');
    expect(updates().find((update) => update.belongings?.coins === 6)!.belongings!.bags).toEqual([
      expect.objectContaining({ slot: 1, itemId: 'rope', quantity: 2 }),
    ]);
    expect(await answer('/buy iron sword')).toBe('! not_enough_coins: 1 × Iron Sword costs 45 coins; you have 6 coins.');

    expect(await answer('/accept wolf pelt bounty')).toBe('! too_far: Guard Aldric gives Wolf Pelt Bounty: go to them (within 10 m).');
    await world.command('zone-city', characterId, '/move 302 112');
    await until(
      () => updates().some((update) => update.quests?.some((quest) => quest.id === 'wolf-pelt-bounty' && quest.status === 'offered')),
      'the guard’s offer once near him',
    );
    expect(await answer('/accept wolf pelt bounty')).toBe('Quest accepted: Wolf Pelt Bounty. Bring 3 Wolf Pelt, then return to Guard Aldric.');
    await until(
      () => updates().some((update) => update.quests?.some((quest) => quest.id === 'wolf-pelt-bounty' && quest.status === 'active')),
      'the quest in the log',
    );
  }, 30_000);
});
