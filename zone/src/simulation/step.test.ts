import { defaultCommands } from '../commands/execute.js';
import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { step } from './step.js';
import { emptyWorld, type Input, type Outgoing, type World } from '../world/types.js';

const context = { rules: DEFAULT_RULES, commands: defaultCommands(), random: () => 0.5, now: () => 0 };
const dt = 1 / 20;
const to = (outgoing: Outgoing[], id: string) => outgoing.filter((o) => o.to === id).map((o) => o.event);

function run(world: World, ...ticks: Input[][]) {
  let current = world;
  const all: Outgoing[][] = [];
  for (const inputs of ticks) {
    const result = step(current, inputs, dt, context);
    current = result.world;
    all.push(result.outgoing);
  }
  return { world: current, outgoing: all };
}

describe('step', () => {
  it('a joining player gets world_enter (its view follows from the view, zone/src/view)', () => {
    const { outgoing, world } = run(emptyWorld(testZone), [{ kind: 'join', entity: player('alice', 100, 100) }]);
    expect(to(outgoing[0]!, 'c:alice')).toEqual(['world_enter']);
    expect(world.entities.has('c:alice')).toBe(true);
  });

  it('movement and stops change the world, and nothing is said about them here', () => {
    const joined = run(emptyWorld(testZone), [{ kind: 'join', entity: player('bob', 105, 100) }]).world;
    const walking = run(joined, [{ kind: 'move', entityId: 'c:bob', move: { heading: 0, speed: 5 } }], [], []);
    expect(walking.world.entities.get('c:bob')!.y).toBeCloseTo(100.75);
    expect(walking.outgoing.flat()).toEqual([]);
    const stopped = run(walking.world, [{ kind: 'move', entityId: 'c:bob', move: { stop: true } }]);
    expect(stopped.world.entities.get('c:bob')!.intent).toEqual({ kind: 'idle' });
  });

  it('many inputs in one tick leave the world it started from untouched', () => {
    const joined = run(emptyWorld(testZone), [
      { kind: 'join', entity: player('alice', 100, 100) },
      { kind: 'join', entity: player('bob', 105, 100) },
    ]).world;
    const before = new Map(joined.entities);
    const { world } = run(joined, [
      { kind: 'move', entityId: 'c:alice', move: { heading: 90, speed: 5 } },
      { kind: 'move', entityId: 'c:bob', move: { heading: 180, speed: 5 } },
      { kind: 'leave', entityId: 'c:bob' },
      { kind: 'join', entity: player('carol', 110, 100) },
    ]);
    expect(joined.entities).toEqual(before);
    expect([...world.entities.keys()].sort()).toEqual(['c:alice', 'c:carol']);
    expect(world.entities.get('c:alice')!.x).toBeCloseTo(100.25);
  });

  it('commands and inputs mixed in one tick build on each other and leave the world it started from untouched', () => {
    const joined = run(emptyWorld(testZone), [
      { kind: 'join', entity: player('alice', 100, 100) },
      { kind: 'join', entity: player('bob', 105, 100) },
    ]).world;
    const before = new Map(joined.entities);
    const aliceBefore = joined.entities.get('c:alice');
    const { world } = run(joined, [
      { kind: 'command', entityId: 'c:alice', text: '/move 150 100' },
      { kind: 'command', entityId: 'c:bob', text: '/move 105 150' },
      { kind: 'move', entityId: 'c:alice', move: { stop: true } },
      { kind: 'command', entityId: 'c:bob', text: '/say hello' },
      { kind: 'command', entityId: 'c:alice', text: '/move 100 150' },
      { kind: 'join', entity: player('carol', 110, 100) },
      { kind: 'command', entityId: 'c:carol', text: '/stop' },
    ]);
    expect(joined.entities).toEqual(before);
    expect(joined.entities.get('c:alice')).toBe(aliceBefore);
    expect(world.entities.get('c:alice')!.intent).toEqual({ kind: 'target', x: 100, y: 150 });
    expect(world.entities.get('c:bob')!.intent).toEqual({ kind: 'target', x: 105, y: 150 });
    expect(world.entities.get('c:bob')!.player!.chat).toBeDefined();
    expect([...world.entities.keys()].sort()).toEqual(['c:alice', 'c:bob', 'c:carol']);
    // The next tick starts from an ordinary world: its inputs copy again instead of editing this one.
    const kept = new Map(world.entities);
    run(world, [
      { kind: 'command', entityId: 'c:alice', text: '/stop' },
      { kind: 'move', entityId: 'c:bob', move: { stop: true } },
    ]);
    expect(world.entities).toEqual(kept);
  });

  it("events are stamped with the step context's clock, not the machine's", () => {
    const joined = run(emptyWorld(testZone), [{ kind: 'join', entity: player('alice', 100, 100) }]).world;
    const clocked = { ...context, now: () => 1_234 };
    const { outgoing } = step(
      joined,
      [
        { kind: 'command', entityId: 'c:alice', text: '/who' },
        { kind: 'teleport', entityId: 'c:alice', x: 50, y: 50 },
      ],
      dt,
      clocked,
    );
    const stamps = outgoing.filter((o) => o.event === 'event').map((o) => (o.data as { ts: number }).ts);
    expect(stamps).toEqual([1_234, 1_234]);
  });

  it('inputs for unknown entities are ignored', () => {
    const { outgoing, world } = run(emptyWorld(testZone), [
      { kind: 'move', entityId: 'c:ghost', move: { stop: true } },
      { kind: 'command', entityId: 'c:ghost', text: '/say boo' },
      { kind: 'leave', entityId: 'c:ghost' },
    ]);
    expect(outgoing).toEqual([[]]);
    expect(world.tick).toBe(1);
  });

  it('is deterministic: the same inputs give the same world', () => {
    const inputs: Input[][] = [
      [{ kind: 'join', entity: player('alice', 10, 10) }],
      [{ kind: 'move', entityId: 'c:alice', move: { target: { x: 30, y: 40 } } }],
      [],
      [],
      [],
    ];
    const a = run(emptyWorld(testZone), ...inputs).world.entities.get('c:alice');
    const b = run(emptyWorld(testZone), ...inputs).world.entities.get('c:alice');
    expect(a).toEqual(b);
  });
});
