import { defaultCommands } from '../commands/execute.js';
import { crossroads, player } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { step } from '../simulation/step.js';
import { emptyWorld, type World } from '../world/types.js';
import { borderReports, findGhost, ghostEntity, isGhost, liveGhosts } from './border-interest.js';
import { fighter, wolf } from '../combat/combat-fixtures.test-helpers.js';
import { Onlookers } from '../view/onlookers.test-helpers.js';

const context = { rules: DEFAULT_RULES, commands: defaultCommands(), random: () => 0.5, now: () => 0 };
const withPlayers = (...players: ReturnType<typeof player>[]): World => ({
  ...emptyWorld(crossroads),
  entities: new Map(players.map((p) => [p.id, p])),
});

describe('borderReports', () => {
  it.each([
    { x: 5, reported: true },
    { x: 99, reported: true },
    { x: 101, reported: false },
  ])('an entity at x=$x is reported to the forest: $reported (perception 100 m)', ({ x, reported }) => {
    const reports = borderReports(withPlayers(player('a', x, 100)), 100);
    expect(reports.get('zone-forest')!.map((e) => e.id)).toEqual(reported ? ['c:a'] : []);
  });
});

describe('ghosts', () => {
  it('are shown in rosters until they go stale, and never shadow a real entity', () => {
    const ghost = ghostEntity({ id: 'c:far', kind: 'player', name: 'Far', x: -5, y: 100, z: 0, heading: 90, moving: true, speed: 2 }, 'zone-forest');
    let world = withPlayers(player('me', 5, 100));
    const onlookers = new Onlookers();
    world = step(world, [{ kind: 'ghosts', fromZoneId: 'zone-forest', entities: [ghost] }], 0.05, context).world;
    onlookers.see(world);
    expect(onlookers.roster('c:me').find((entry) => entry.id === 'c:far')).toMatchObject({ name: 'Far', range: 10, bearing: 270, moving: true, heading: 90 });
    expect(liveGhosts(world)).toHaveLength(1);
    expect(liveGhosts({ ...world, entities: new Map([...world.entities, ['c:far', player('far', -1, 100)]]) })).toHaveLength(0);
    // No refresh for more than a second: the ghost goes away.
    for (let i = 0; i < 25; i++) {
      world = step(world, [], 0.05, context).world;
      onlookers.see(world);
    }
    expect(onlookers.roster('c:me').map((entry) => entry.id)).not.toContain('c:far');
  });
});

describe('fighters across a border', () => {
  it('are reported with their health in percent (0: dead); what cannot fight, without', () => {
    const hurt = wolf(5, 100, { hp: 40 });
    const wounded = { ...hurt, combat: { ...hurt.combat, resources: { ...hurt.combat.resources!, hp: 10 } } };
    const reports = borderReports(withPlayers(player('plain', 5, 90), fighter('ann', 5, 110), wounded), 100);
    const byId = new Map(reports.get('zone-forest')!.map((entry) => [entry.id, entry]));
    expect(byId.get('c:plain')!.health).toBeUndefined();
    expect(byId.get('c:ann')!.health).toBe(100);
    expect(byId.get('w:1')!.health).toBe(25);
  });

  it('a ghost knows the zone that owns it and can be found by id while fresh', () => {
    const reported = { id: 'w:7', kind: 'wildlife' as const, name: 'Wolf', x: -3, y: 100, z: 0, heading: 0, moving: false, health: 60 };
    const ghost = ghostEntity(reported, 'zone-forest');
    expect(ghost).toMatchObject({ id: 'w:7', ghostOf: 'zone-forest', ghostHealth: 60 });
    expect(isGhost(ghost)).toBe(true);
    expect(isGhost(player('me', 5, 100))).toBe(false);
    let world = step(withPlayers(player('me', 5, 100)), [{ kind: 'ghosts', fromZoneId: 'zone-forest', entities: [ghost] }], 0.05, context).world;
    expect(findGhost(world, 'w:7')).toBe(ghost);
    expect(findGhost(world, 'c:me')).toBeUndefined();
    for (let i = 0; i < 25; i++) world = step(world, [], 0.05, context).world;
    expect(findGhost(world, 'w:7')).toBeUndefined();
  });
});

describe('border crossing in step', () => {
  it('a player walking over the border leaves this zone with a transfer effect carrying its state', () => {
    let world = withPlayers(player('walker', 0.1, 100, { intent: { kind: 'heading', heading: 270, speed: 5 } }));
    const result = step(world, [], 0.05, context);
    world = result.world;
    expect(world.entities.has('c:walker')).toBe(false);
    expect(result.effects.filter((e) => e.kind === 'transfer')).toEqual([
      {
        kind: 'transfer',
        characterId: 'walker',
        toZoneId: 'zone-forest',
        state: { x: expect.closeTo(-0.15, 5), y: 100, z: 0, heading: 270, intent: { kind: 'heading', heading: 270, speed: 5 } },
        resources: { hp: 100, stamina: 50, mana: 20 },
      },
    ]);
  });

  it('an edge without a neighbour stops the walker instead', () => {
    const world = withPlayers(player('walker', 200, 100, { intent: { kind: 'heading', heading: 90, speed: 5 } }));
    const result = step(world, [], 0.05, context);
    expect(result.world.entities.get('c:walker')).toMatchObject({ x: 200, intent: { kind: 'idle' } });
    expect(result.effects.filter((e) => e.kind === 'transfer')).toEqual([]);
  });

  it('wildlife never crosses: it is confined to its zone', () => {
    const wolf = { ...player('wolf', 0.1, 100, { intent: { kind: 'heading', heading: 270, speed: 5 } }), kind: 'wildlife' as const, player: undefined };
    const result = step(withPlayers(wolf), [], 0.05, context);
    expect(result.world.entities.get('c:wolf')).toMatchObject({ x: 0 });
  });
});
