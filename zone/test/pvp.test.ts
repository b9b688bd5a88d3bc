import { until, ZoneWorld, textsOf, type GatewayInbox } from './zone-world.js';

/**
 * Player versus player on a real zone server (createZoneHost, Redis,
 * PostgreSQL, the seeded zones: the city safe, the crossroads for duels, the
 * forest open): a safe zone refuses a fight, an open zone refuses one against
 * a party member (membership from the party service on the bus), and a duel
 * is fought to the end with nobody dying or gaining experience.
 */
describe('player versus player (Redis, PostgreSQL)', () => {
  let world: ZoneWorld;
  let inbox: GatewayInbox;

  beforeAll(async () => {
    world = await ZoneWorld.start();
    await world.server('zone-server-pvp', ['zone-forest', 'zone-crossroads', 'zone-city']);
    inbox = await world.inbox('gw-pvp');
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  async function enter(name: string, zoneId: string, x: number, y: number, hp?: number): Promise<string> {
    const { characterId } = await world.character(name, { zoneId, x, y });
    if (hp !== undefined) await world.db.client.character.update({ where: { id: characterId }, data: { hp } });
    await world.publish(zoneId, 'player.join', { characterId, gatewayId: 'gw-pvp', sessionId: `session-${name}` });
    await until(() => inbox.messages.some((m) => m.characterId === characterId && m.event === 'world_enter'), `${name} in the world`);
    return characterId;
  }
  const said = (characterId: string, text: string) => () => textsOf(inbox, characterId).includes(text);

  it('a safe zone refuses an attack on another player, and a duel', async () => {
    const ann = await enter('Ann', 'zone-city', 250, 40);
    await enter('Bob', 'zone-city', 252, 40);
    await world.command('zone-city', ann, '/attack Bob');
    await until(said(ann, '! not_allowed: Aether City is a safe zone: no fighting other players.'), 'the refusal');
    await world.command('zone-city', ann, '/duel Bob');
    await until(said(ann, '! not_allowed: Aether City is a safe zone: no duels here.'), 'the duel refused');
  });

  it('an open zone refuses an attack on a party member, and allows one on anyone else', async () => {
    const cat = await enter('Cat', 'zone-forest', -100, 195);
    const dan = await enter('Dan', 'zone-forest', -98, 195);
    const eve = await enter('Eve', 'zone-forest', -102, 195);
    await world.command('zone-forest', cat, '/party invite Dan');
    await until(() => textsOf(inbox, dan).some((text) => text.startsWith('Cat invites you to join a party')), 'the invitation');
    await world.command('zone-forest', dan, '/party accept');
    await until(() => textsOf(inbox, cat).includes('Dan joins the party.'), 'Dan in the party');
    await world.command('zone-forest', cat, '/attack Dan');
    await until(said(cat, '! not_allowed: Dan is in your party.'), 'the refusal');
    await world.command('zone-forest', eve, '/attack Dan');
    await until(() => textsOf(inbox, eve).some((text) => text.startsWith('You attack Dan.')), 'Eve’s attack');
    await world.command('zone-forest', eve, '/disengage');
  }, 30_000);

  it('a duel is fought to the end: the loser keeps 1 hp, nobody gains experience', async () => {
    const fay = await enter('Fay', 'zone-crossroads', 150, 20);
    const gus = await enter('Gus', 'zone-crossroads', 151, 20, 6);
    await world.command('zone-crossroads', fay, '/attack Gus');
    await until(said(fay, '! not_allowed: In The Crossroads players fight only in a duel: /duel Gus to challenge them.'), 'the refusal outside a duel');
    await world.command('zone-crossroads', fay, '/duel Gus');
    await until(said(gus, 'Fay challenges you to a duel. Type /duel accept or /duel decline (within 30 s).'), 'the challenge');
    await world.command('zone-crossroads', gus, '/duel accept');
    await until(() => textsOf(inbox, fay).some((text) => text.startsWith('Gus accepts your challenge: fight!')), 'the duel');
    await world.command('zone-crossroads', fay, '/attack Gus');
    await until(said(fay, 'Fay wins the duel against Gus.'), 'the end of the duel', 20_000);
    await until(said(gus, 'Fay wins the duel against Gus.'), 'Gus told');
    const hpOfGus = inbox.messages.filter((m) => m.characterId === gus && m.event === 'state_update' && m.data.character?.hp !== undefined);
    expect(hpOfGus.at(-1)).toMatchObject({ data: { character: { hp: 1 } } });
    expect(textsOf(inbox, gus).some((text) => text.startsWith('You die'))).toBe(false);
    expect(textsOf(inbox, fay).some((text) => /You gain \d+ experience/.test(text))).toBe(false);
    expect((await world.db.client.character.findUniqueOrThrow({ where: { id: fay } })).xp).toBe(0);
    const pvp = () => inbox.messages.flatMap((m) => (m.characterId === fay && m.event === 'state_update' && m.data.pvp ? [m.data.pvp] : []));
    await until(() => pvp().length === 3, 'the duel’s end in state_update.pvp');
    expect(pvp()).toEqual([{ policy: 'duel' }, { policy: 'duel', duelWith: 'Gus' }, { policy: 'duel' }]);
  }, 40_000);
});
