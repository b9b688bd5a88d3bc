import { standingCreature } from '../src/combat/combat-fixtures.test-helpers.js';
import { textsOf, until, ZoneWorld, type GatewayInbox, type ZoneServer } from './zone-world.js';

/**
 * A fight across a zone border between two zone servers on a real Redis
 * (docs/gameplay.md, "Borders"): a player in zone-crossroads (one server)
 * attacks a creature standing in zone-forest (the other). The forest's
 * server resolves every blow and the kill; the attacker sees the lines, the
 * target's health falling, and gets the experience and the loot window at home.
 */
describe('combat across a zone border (two zone servers, Redis, PostgreSQL)', () => {
  let world: ZoneWorld;
  let forest: ZoneServer;
  let inbox: GatewayInbox;

  beforeAll(async () => {
    world = await ZoneWorld.start();
    await world.server('zone-east', ['zone-crossroads']);
    forest = await world.server('zone-west', ['zone-forest']);
    inbox = await world.inbox('gw-1');
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('a player attacks a creature across the border and kills it; its own zone takes the hp and pays the attacker', async () => {
    const ann = await world.character('Ann', { zoneId: 'zone-crossroads', x: 1, y: 150 });
    const bob = await world.character('Bob', { zoneId: 'zone-forest', x: -4, y: 150 });
    await world.publish('zone-crossroads', 'player.join', { characterId: ann.characterId, gatewayId: 'gw-1', sessionId: 'session-ann' });
    await world.publish('zone-forest', 'player.join', { characterId: bob.characterId, gatewayId: 'gw-1', sessionId: 'session-bob' });
    await until(() => inbox.messages.filter((m) => m.event === 'world_enter').length === 2, 'both players in the world');

    // A creature of the forest's, 2 m from Ann across the border (x = 0).
    const creature = standingCreature(
      { id: 'w:border-wolf', name: 'Border Wolf', x: -1, y: 150, heading: 90 },
      {
        stats: { strength: 5, agility: 5, intellect: 5, speed: 5 },
        hp: 24,
        weapon: { name: 'Jaws', delay: 3, minDamage: 1, maxDamage: 1, range: 2 },
        options: { level: 1, xpValue: 30, loot: [{ itemId: 'wolf-pelt', chance: 1, minQuantity: 1, maxQuantity: 1 }] },
      },
    );
    expect(forest.host.enqueue('zone-forest', { kind: 'join', entity: creature })).toBe(true);

    const annSays = () => textsOf(inbox, ann.characterId);
    const bobSays = () => textsOf(inbox, bob.characterId);
    // Ann sees it across the border (a ghost in her roster), so she can name it.
    await until(
      () =>
        inbox.messages.some((m) => m.characterId === ann.characterId && m.event.startsWith('proximity_roster') && JSON.stringify(m.data).includes(creature.id)),
      'Ann to see the Border Wolf across the border',
    );
    await world.command('zone-crossroads', ann.characterId, '/attack border wolf');
    await until(() => annSays().some((line) => line.startsWith('You attack the Border Wolf.')), 'Ann to attack the Border Wolf');

    // The forest resolves the blows: Bob, standing there, sees them; Ann gets her lines back.
    await until(() => bobSays().some((line) => /^Ann (hits|misses) the Border Wolf/.test(line)), 'Bob to see Ann’s blows', 30_000);
    await until(() => annSays().some((line) => /^You (hit|miss) the Border Wolf/.test(line)), 'Ann to see her blows', 30_000);
    // Its hp falls on the owner's side: Ann's target frame shows the health the forest reports.
    await until(
      () =>
        inbox.messages.some(
          (m) =>
            m.characterId === ann.characterId &&
            m.event === 'state_update' &&
            m.data.combat?.target?.name === 'Border Wolf' &&
            m.data.combat.target.health < 100,
        ),
      'the Border Wolf’s health to fall in Ann’s target frame',
      30_000,
    );

    await until(() => bobSays().includes('The Border Wolf dies.'), 'the Border Wolf to die in the forest', 45_000);
    await until(() => annSays().includes('You gain 30 experience for the Border Wolf.'), 'Ann’s experience', 10_000);
    expect(annSays()).toContain('The Border Wolf dies.');
    // Its loot waits in her loot window at home.
    expect(annSays().some((line) => line.startsWith('The Border Wolf leaves loot: 1 × Wolf Pelt.'))).toBe(true);
    // Her auto-attack ends with its target.
    await until(
      () => inbox.messages.some((m) => m.characterId === ann.characterId && m.event === 'state_update' && m.data.combat?.target === null),
      'Ann’s target to clear',
    );
    // What Ann never saw: "your target is gone" before the kill, or an error.
    expect(annSays().filter((line) => line.startsWith('!'))).toEqual([]);
  }, 120_000);
});
