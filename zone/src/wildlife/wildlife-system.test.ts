import { defaultCommands } from '../commands/execute.js';
import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { step, type StepContext } from '../simulation/step.js';
import { emptyWorld, type Entity, type Input, type World } from '../world/types.js';
import { NO_COMBAT, type Armament, type CreatureCombat } from './creature-combat.js';
import { statsAt } from './growth.js';
import { distanceOutside } from './region.js';
import { seeded } from '../combat/combat-fixtures.test-helpers.js';
import { testRule, testSpecies } from './wildlife.test-helpers.js';
import { WildlifeSystem } from './wildlife-system.js';
import { Onlookers } from '../view/onlookers.test-helpers.js';

const dt = 1 / 20;
const region = { minX: 40, minY: 40, maxX: 80, maxY: 80 };
const creatures = (world: World) => [...world.entities.values()].filter((e) => e.kind === 'wildlife');

function run(world: World, context: StepContext, seconds: number, each?: (world: World) => void, inputs: Input[] = [], tick = dt) {
  let current = world;
  const ticks = Math.round(seconds / tick);
  for (let i = 0; i < ticks; i += 1) {
    current = step(current, i === 0 ? inputs : [], tick, context).world;
    each?.(current);
  }
  return current;
}

function contextFor(system: WildlifeSystem, seed = 7): StepContext {
  return { rules: DEFAULT_RULES, commands: defaultCommands(), systems: [system], random: seeded(seed), now: () => 0 };
}

describe('WildlifeSystem', () => {
  it.each([
    ['three wolves', testRule({ count: 3 })],
    ['one skittish hare', testRule({ id: 'hares', count: 1, species: testSpecies({ temperament: 'skittish' }) })],
    ['a crowd of boars', testRule({ id: 'boars', count: 12, species: testSpecies({ temperament: 'passive' }) })],
  ])('spawns up to count inside the region on the first tick: %s', (_, rule) => {
    const world = run(emptyWorld(testZone), contextFor(new WildlifeSystem([rule])), dt);
    const spawned = creatures(world);
    expect(spawned).toHaveLength(rule.count);
    for (const creature of spawned) {
      expect(distanceOutside(creature, rule.region)).toBe(0);
      expect(creature.name).toBe(rule.species.name);
      expect(creature.wildlife!.level).toBeGreaterThanOrEqual(rule.minLevel);
      expect(creature.wildlife!.level).toBeLessThanOrEqual(rule.maxLevel);
    }
    expect(new Set(spawned.map((c) => c.id)).size).toBe(rule.count);
    expect(creatures(run(world, contextFor(new WildlifeSystem([rule])), 5))).toHaveLength(rule.count);
  });

  it.each([1, 2, 3])('wandering never leaves the region over five minutes (seed %i)', (seed) => {
    const rule = testRule({ count: 5, region, species: testSpecies({ temperament: 'passive' }) });
    let furthestOut = 0;
    const start = run(emptyWorld(testZone), contextFor(new WildlifeSystem([rule]), seed), dt);
    const end = run(start, contextFor(new WildlifeSystem([rule]), seed), 300, (world) => {
      for (const creature of creatures(world)) furthestOut = Math.max(furthestOut, distanceOutside(creature, region));
    });
    expect(furthestOut).toBe(0);
    const origin = new Map(creatures(start).map((c) => [c.id, c.x]));
    expect(creatures(end).filter((c) => c.x !== origin.get(c.id))).toHaveLength(5);
  });

  it('shows creatures in a nearby player’s roster as wildlife', () => {
    const rule = testRule({ count: 2 });
    const context = contextFor(new WildlifeSystem([rule]));
    const world = run(emptyWorld(testZone), context, 0.5, undefined, [{ kind: 'join', entity: player('alice', 60, 100) }]);
    const onlookers = new Onlookers();
    onlookers.see(world);
    const roster = onlookers.roster('c:alice');
    expect(roster.filter((entry) => entry.kind === 'wildlife').map((entry) => entry.name)).toEqual(['Grey wolf', 'Grey wolf']);
  });

  it('a wolf chases a player who comes close, then leashes home when led away', () => {
    const rule = testRule({ count: 1, region, species: testSpecies({ perception: 20, leashRange: 10, runSpeed: 6 }) });
    const context = contextFor(new WildlifeSystem([rule]));
    let world = run(emptyWorld(testZone), context, dt);
    const wolf = creatures(world)[0]!;
    world = run(world, context, dt, undefined, [{ kind: 'join', entity: player('bait', wolf.x + 10, wolf.y, { maxSpeed: 5 }) }]);
    expect(world.entities.get(wolf.id)!.wildlife!.mode).toEqual({ kind: 'chase', targetId: 'c:bait' });
    // The bait runs east, out of the region and past the leash; the wolf follows, then turns back.
    const modes = new Set<string>();
    world = run(world, context, 30, (w) => modes.add(w.entities.get(wolf.id)!.wildlife!.mode.kind), [
      { kind: 'move', entityId: 'c:bait', move: { target: { x: 199, y: wolf.y } } },
    ]);
    expect(modes).toContain('return');
    const home = world.entities.get(wolf.id)!;
    expect(distanceOutside(home, region)).toBe(0);
  });

  describe('respawning', () => {
    const rule = testRule({ count: 2, respawnSeconds: 30 });

    it('a creature taken out of the world comes back respawnSeconds later, with a new id', () => {
      const context = contextFor(new WildlifeSystem([rule]));
      let world = run(emptyWorld(testZone), context, 1);
      const [victim] = creatures(world);
      const entities = new Map(world.entities);
      entities.delete(victim!.id);
      world = { ...world, entities };
      world = run(world, context, 29.9);
      expect(creatures(world)).toHaveLength(1);
      world = run(world, context, 0.2);
      const now = creatures(world);
      expect(now).toHaveLength(2);
      expect(now.map((c) => c.id)).not.toContain(victim!.id);
      expect(now.map((c) => c.id)).toContain(victim!.id.replace(/\.0$/, '.1'));
    });

    it('a body killed in combat lies for corpseSeconds, and the respawn counts from the death', () => {
      const dead = new Map<string, number>();
      const combat: CreatureCombat = { ...NO_COMBAT, isDead: (e) => dead.has(e.id), diedAt: (e) => dead.get(e.id) };
      const context = contextFor(new WildlifeSystem([rule], { combat }));
      let world = run(emptyWorld(testZone), context, 1);
      const victim = creatures(world)[0]!;
      dead.set(victim.id, world.time);
      const diedAt = world.time;
      world = run(world, context, 4.9);
      expect(world.entities.has(victim.id)).toBe(true);
      world = run(world, context, 0.2);
      expect(world.entities.has(victim.id)).toBe(false);
      world = run(world, context, diedAt + 30 - world.time - 0.1);
      expect(creatures(world)).toHaveLength(1);
      world = run(world, context, 0.2);
      expect(creatures(world)).toHaveLength(2);
    });
  });

  it('creatures grow a level per secondsPerLevel of age, up to the rule maximum, and combat hears of it', () => {
    const grown: Array<{ id: string; armament: Armament }> = [];
    const combat: CreatureCombat = { ...NO_COMBAT, grow: (creature, armament) => (grown.push({ id: creature.id, armament }), creature) };
    const rule = testRule({ count: 4, minLevel: 1, maxLevel: 3, species: testSpecies({ secondsPerLevel: 100, temperament: 'passive' }) });
    const context = contextFor(new WildlifeSystem([rule], { combat }));
    let world = run(emptyWorld(testZone), context, dt);
    const born = new Map(creatures(world).map((c) => [c.id, c.wildlife!.level]));
    for (const [age, extra] of [
      [50, 0],
      [150, 1],
      [250, 2],
      [1000, 2],
    ] as const) {
      // Coarse ticks: growth is timed by world time, not by the tick count.
      world = run(world, context, age - (world.time - dt), undefined, [], 0.5);
      for (const creature of creatures(world)) {
        expect(creature.wildlife!.level).toBe(Math.min(3, born.get(creature.id)! + extra));
      }
    }
    for (const { armament } of grown) expect(armament.stats).toEqual(statsAt(rule.species, armament.level));
    expect(grown.length).toBe([...born.values()].reduce((sum, level) => sum + (3 - level), 0));
  });

  it('is deterministic for a seed', () => {
    const rule = testRule({ count: 4, species: testSpecies({ temperament: 'skittish' }) });
    const play = () => run(emptyWorld(testZone), contextFor(new WildlifeSystem([rule]), 42), 20, undefined, [{ kind: 'join', entity: player('p', 60, 60) }]);
    const strip = (world: World) => creatures(world).map(({ id, x, y, wildlife }: Entity) => ({ id, x, y, wildlife }));
    expect(strip(play())).toEqual(strip(play()));
  });

  it('leaves a world without spawn rules untouched', () => {
    const world = emptyWorld(testZone);
    expect(new WildlifeSystem([]).update(world, dt, contextFor(new WildlifeSystem([]))).world).toBe(world);
  });
});
