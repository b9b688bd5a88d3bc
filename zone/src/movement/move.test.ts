import { testZone as zone, player } from '../world/fixtures.test-helpers.js';
import { advance, intentFor } from './move.js';
import { bearing, normaliseHeading } from './geometry.js';

describe('intentFor', () => {
  const alice = player('alice', 100, 100);
  it.each([
    { move: { stop: true as const }, expected: { kind: 'idle' } },
    { move: { heading: 90, speed: 3 }, expected: { kind: 'heading', heading: 90, speed: 3 } },
    // Asking for more than the character can do gets the character's limit, not a teleport.
    { move: { heading: 90, speed: 99 }, expected: { kind: 'heading', heading: 90, speed: 5 } },
    { move: { heading: 360, speed: 2 }, expected: { kind: 'heading', heading: 0, speed: 2 } },
    { move: { heading: 45, speed: 0 }, expected: { kind: 'idle' } },
    { move: { target: { x: 150, y: 120 } }, expected: { kind: 'target', x: 150, y: 120 } },
    { move: { target: { x: -50, y: 999 } }, expected: { kind: 'target', x: 0, y: 200 } },
  ])('$move → $expected', ({ move, expected }) => {
    expect(intentFor(alice, move, zone)).toEqual(expected);
  });
});

describe('advance', () => {
  it.each([
    { heading: 0, x: 100, y: 105 },
    { heading: 90, x: 105, y: 100 },
    { heading: 180, x: 100, y: 95 },
    { heading: 270, x: 95, y: 100 },
  ])('walks one second at heading $heading', ({ heading, x, y }) => {
    const walker = player('a', 100, 100, { intent: { kind: 'heading', heading, speed: 5 } });
    const after = advance(walker, 1, zone);
    expect(after.x).toBeCloseTo(x);
    expect(after.y).toBeCloseTo(y);
  });

  it('never exceeds maxSpeed even if the intent asks for more', () => {
    const walker = player('a', 100, 100, { intent: { kind: 'heading', heading: 0, speed: 50 } });
    expect(advance(walker, 0.05, zone).y).toBeCloseTo(100.25);
  });

  it('stops at the zone edge', () => {
    const walker = player('a', 199, 100, { intent: { kind: 'heading', heading: 90, speed: 5 } });
    expect(advance(walker, 1, zone).x).toBe(200);
  });

  it('stops walking once pressed against the edge', () => {
    const walker = player('a', 200, 100, { intent: { kind: 'heading', heading: 90, speed: 5 } });
    expect(advance(walker, 1, zone)).toMatchObject({ x: 200, intent: { kind: 'idle' } });
  });

  it('walks towards a target and arrives without overshooting', () => {
    let walker = player('a', 100, 100, { intent: { kind: 'target', x: 103, y: 104 } });
    walker = advance(walker, 0.5, zone);
    expect(Math.hypot(walker.x - 100, walker.y - 100)).toBeCloseTo(2.5);
    expect(walker.heading).toBeCloseTo(bearing(100, 100, 103, 104));
    walker = advance(walker, 1, zone);
    expect([walker.x, walker.y]).toEqual([103, 104]);
    expect(walker.intent).toEqual({ kind: 'idle' });
  });

  it('leaves idle entities untouched', () => {
    const idle = player('a', 10, 10);
    expect(advance(idle, 1, zone)).toBe(idle);
  });
});

describe('geometry', () => {
  it.each([
    [0, 0, 0, 10, 0],
    [0, 0, 10, 10, 45],
    [0, 0, 10, 0, 90],
    [0, 0, 0, -10, 180],
    [0, 0, -10, 0, 270],
  ])('bearing (%d,%d)→(%d,%d) = %d', (fx, fy, tx, ty, expected) => {
    expect(bearing(fx, fy, tx, ty)).toBeCloseTo(expected);
  });

  it.each([
    [-90, 270],
    [360, 0],
    [725, 5],
    [-0, 0],
  ])('normaliseHeading(%d) = %d', (input, expected) => {
    expect(normaliseHeading(input)).toBe(expected);
  });
});
