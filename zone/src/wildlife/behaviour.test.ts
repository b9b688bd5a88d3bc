import { player, testZone } from '../world/fixtures.test-helpers.js';
import { emptyWorld, type Entity, type World } from '../world/types.js';
import { behave, type BehaviourContext, type Creature } from './behaviour.js';
import { NO_COMBAT } from './creature-combat.js';
import type { CreatureMode } from './creature.js';
import { testRule, testSpecies } from './wildlife.test-helpers.js';
import { DEFAULT_WILDLIFE_TUNING } from './tuning.js';

const region = { minX: 40, minY: 40, maxX: 80, maxY: 80 };

function creature(x: number, y: number, mode: CreatureMode = { kind: 'rest', until: 100 }, extra: Partial<Entity> = {}): Creature {
  return {
    id: 'w:test-wolves.0.0',
    kind: 'wildlife',
    name: 'Beast',
    x,
    y,
    z: 0,
    heading: 0,
    maxSpeed: 1,
    intent: { kind: 'idle' },
    wildlife: { ruleId: 'test-wolves', speciesId: 'x', slot: 0, level: 1, spawnLevel: 1, bornAt: 0, mode },
    ...extra,
  };
}

function worldWith(time: number, ...entities: Entity[]): World {
  return { ...emptyWorld(testZone), time, entities: new Map(entities.map((e) => [e.id, e])) };
}

function context(world: World, temperament: 'passive' | 'skittish' | 'aggressive', draw = 0.5): BehaviourContext {
  return {
    world,
    rule: testRule({ region, species: testSpecies({ temperament, perception: 20, leashRange: 40 }) }),
    random: () => draw,
    tuning: DEFAULT_WILDLIFE_TUNING,
    combat: NO_COMBAT,
  };
}

const target = (c: Creature) => (c.intent.kind === 'target' ? c.intent : undefined);

describe('behave', () => {
  describe('skittish creatures flee straight away from the nearest player', () => {
    it.each([
      ['player to the west → runs east', 55, 60, { dx: 1, dy: 0 }],
      ['player to the east → runs west', 65, 60, { dx: -1, dy: 0 }],
      ['player to the south → runs north', 60, 52, { dx: 0, dy: 1 }],
      ['player to the north-east → runs south-west', 66, 66, { dx: -Math.SQRT1_2, dy: -Math.SQRT1_2 }],
    ])('%s', (_, px, py, direction) => {
      const rabbit = creature(60, 60);
      const next = behave(rabbit, context(worldWith(0, rabbit, player('p', px, py)), 'skittish'));
      expect(next.wildlife.mode).toEqual({ kind: 'flee', from: 'c:p' });
      expect(next.maxSpeed).toBe(5.5);
      const aim = target(next)!;
      const length = Math.hypot(aim.x - 60, aim.y - 60);
      expect((aim.x - 60) / length).toBeCloseTo(direction.dx);
      expect((aim.y - 60) / length).toBeCloseTo(direction.dy);
    });

    it('turns along a wall rather than freezing against it', () => {
      const rabbit = creature(1, 100);
      const next = behave(rabbit, context(worldWith(0, rabbit, player('p', 6, 100)), 'skittish'));
      const aim = target(next)!;
      expect(Math.hypot(aim.x - 1, aim.y - 100)).toBeGreaterThanOrEqual(DEFAULT_WILDLIFE_TUNING.fleeStep / 2);
      expect(Math.hypot(aim.x - 6, aim.y - 100)).toBeGreaterThan(5);
    });

    it.each([
      ['resting, player beyond perception: stays calm', { kind: 'rest', until: 100 } as CreatureMode, 21, 'rest'],
      ['resting, player just within perception: flees', { kind: 'rest', until: 100 } as CreatureMode, 19, 'flee'],
      ['already fleeing, player still within 1.5 × perception: keeps fleeing', { kind: 'flee', from: 'c:p' } as CreatureMode, 29, 'flee'],
      ['fleeing, player past 1.5 × perception: stops', { kind: 'flee', from: 'c:p' } as CreatureMode, 31, 'rest'],
    ])('%s', (_, mode, distance, expected) => {
      const rabbit = creature(60, 60, mode);
      const next = behave(rabbit, context(worldWith(0, rabbit, player('p', 60 - distance, 60)), 'skittish'));
      expect(next.wildlife.mode.kind).toBe(expected);
    });
  });

  describe('aggressive creatures hunt players within perception; others do not', () => {
    it.each([
      ['aggressive, player at 15 m', 'aggressive', 15, 'chase'],
      ['aggressive, player at 20 m (the edge)', 'aggressive', 20, 'chase'],
      ['aggressive, player at 25 m', 'aggressive', 25, 'rest'],
      ['passive, player at 5 m', 'passive', 5, 'rest'],
    ] as const)('%s', (_, temperament, distance, expected) => {
      const wolf = creature(60, 60);
      const next = behave(wolf, context(worldWith(0, wolf, player('p', 60 + distance, 60)), temperament));
      expect(next.wildlife.mode.kind).toBe(expected);
    });

    it('runs at the player and aims to stop within its weapon reach', () => {
      const wolf = creature(60, 60);
      const next = behave(wolf, context(worldWith(0, wolf, player('p', 75, 60)), 'aggressive'));
      expect(next.wildlife.mode).toEqual({ kind: 'chase', targetId: 'c:p' });
      expect(next.maxSpeed).toBe(5.5);
      const aim = target(next)!;
      expect(aim.y).toBeCloseTo(60);
      expect(75 - aim.x).toBeGreaterThan(0);
      expect(75 - aim.x).toBeLessThan(2);
    });

    it('stands and faces a target within reach (combat does the biting)', () => {
      const wolf = creature(60, 60, { kind: 'chase', targetId: 'c:p' });
      const next = behave(wolf, context(worldWith(0, wolf, player('p', 60, 61)), 'aggressive'));
      expect(next.intent).toEqual({ kind: 'idle' });
      expect(next.heading).toBe(0);
    });

    it.each([
      ['within the leash: keeps chasing', 80 + 39, 'chase'],
      ['past the leash: gives up and heads home', 80 + 41, 'return'],
    ])('%s', (_, x, expected) => {
      const wolf = creature(x, 60, { kind: 'chase', targetId: 'c:p' });
      const next = behave(wolf, context(worldWith(0, wolf, player('p', x + 3, 60)), 'aggressive'));
      expect(next.wildlife.mode.kind).toBe(expected);
      if (expected === 'return') {
        const aim = target(next)!;
        expect(aim.x).toBeGreaterThanOrEqual(region.minX);
        expect(aim.x).toBeLessThanOrEqual(region.maxX);
        expect(next.maxSpeed).toBe(5.5);
      }
    });

    it('going home, it ignores players until it is back in its region', () => {
      const wolf = creature(100, 60, { kind: 'return' }, { intent: { kind: 'target', x: 78, y: 60 } });
      const next = behave(wolf, context(worldWith(0, wolf, player('p', 101, 60)), 'aggressive'));
      expect(next.wildlife.mode.kind).toBe('return');
      const home = creature(79, 60, { kind: 'return' }, { intent: { kind: 'target', x: 78, y: 60 } });
      expect(behave(home, context(worldWith(0, home, player('p', 85, 60)), 'aggressive')).wildlife.mode.kind).toBe('rest');
    });

    it('gives up when its target is gone', () => {
      const wolf = creature(60, 60, { kind: 'chase', targetId: 'c:gone' });
      expect(behave(wolf, context(worldWith(0, wolf), 'aggressive')).wildlife.mode.kind).toBe('rest');
    });
  });

  describe('calm creatures rest and wander inside their region', () => {
    it.each([
      ['still resting', 5, { kind: 'rest', until: 10 } as CreatureMode, 'rest'],
      ['rest over: sets off', 10, { kind: 'rest', until: 10 } as CreatureMode, 'wander'],
    ])('%s', (_, time, mode, expected) => {
      const boar = creature(60, 60, mode);
      expect(behave(boar, context(worldWith(time, boar), 'passive')).wildlife.mode.kind).toBe(expected);
    });

    it.each([0, 0.3, 0.999])('wander targets stay in the region and within the wander radius (draw %p)', (draw) => {
      const boar = creature(42, 78, { kind: 'rest', until: 0 });
      const aim = target(behave(boar, context(worldWith(1, boar), 'passive', draw)))!;
      expect(aim.x).toBeGreaterThanOrEqual(region.minX);
      expect(aim.x).toBeLessThanOrEqual(region.maxX);
      expect(aim.y).toBeGreaterThanOrEqual(region.minY);
      expect(aim.y).toBeLessThanOrEqual(region.maxY);
      expect(Math.abs(aim.x - 42)).toBeLessThanOrEqual(DEFAULT_WILDLIFE_TUNING.wanderRadius);
    });

    it('arriving from a wander, it rests for a drawn while', () => {
      const boar = creature(60, 60, { kind: 'wander' });
      const next = behave(boar, context(worldWith(7, boar), 'passive', 0.5));
      expect(next.wildlife.mode).toEqual({ kind: 'rest', until: 7 + 2 + 0.5 * 6 });
    });

    it('outside its region with nothing to do, it goes home', () => {
      const boar = creature(120, 60, { kind: 'rest', until: 0 });
      expect(behave(boar, context(worldWith(1, boar), 'passive')).wildlife.mode.kind).toBe('return');
    });
  });
});
