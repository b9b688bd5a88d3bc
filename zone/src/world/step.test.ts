import { defaultCommands } from '../commands/execute.js';
import { player, testZone } from '../testing/fixtures.js';
import { DEFAULT_RULES } from './rules.js';
import { step } from './step.js';
import { emptyWorld, type Input, type Outgoing, type World } from './types.js';

const context = { rules: DEFAULT_RULES, commands: defaultCommands(), random: () => 0.5 };
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
  it('a joining player gets world_enter, then a full roster; others get a delta', () => {
    const { outgoing } = run(
      emptyWorld(testZone),
      [{ kind: 'join', entity: player('alice', 100, 100) }],
      [{ kind: 'join', entity: player('bob', 105, 100) }],
    );
    expect(to(outgoing[0]!, 'c:alice')).toEqual(['world_enter', 'proximity_roster']);
    expect(to(outgoing[1]!, 'c:bob')).toEqual(['world_enter', 'proximity_roster']);
    expect(outgoing[1]!.find((o) => o.to === 'c:alice')).toMatchObject({
      event: 'proximity_roster_delta',
      data: { added: [expect.objectContaining({ id: 'c:bob', range: 5, bearing: 90 })], removed: [], changed: [] },
    });
  });

  it('movement shows up as a changed roster entry for the watcher and a state_update for the mover', () => {
    const joined = run(emptyWorld(testZone), [
      { kind: 'join', entity: player('alice', 100, 100) },
      { kind: 'join', entity: player('bob', 105, 100) },
    ]).world;
    const { outgoing, world } = run(joined, [{ kind: 'move', entityId: 'c:bob', move: { heading: 0, speed: 5 } }], [], []);
    expect(world.entities.get('c:bob')!.y).toBeCloseTo(100.75);
    expect(outgoing[0]!.find((o) => o.to === 'c:bob')).toMatchObject({ event: 'state_update', data: { character: { moving: true } } });
    const deltas = outgoing.flat().filter((o) => o.to === 'c:alice' && o.event === 'proximity_roster_delta');
    expect(deltas.length).toBeGreaterThan(0);
  });

  it('a stop ordered by the player is reported to the player', () => {
    const walking = run(emptyWorld(testZone), [{ kind: 'join', entity: player('alice', 100, 100) }], [
      { kind: 'move', entityId: 'c:alice', move: { heading: 0, speed: 5 } },
    ]).world;
    const { outgoing } = run(walking, [{ kind: 'move', entityId: 'c:alice', move: { stop: true } }]);
    expect(outgoing[0]).toContainEqual({ to: 'c:alice', event: 'state_update', data: { character: expect.objectContaining({ moving: false }) } });
  });

  it('a leaving player disappears from the others’ rosters', () => {
    const joined = run(emptyWorld(testZone), [
      { kind: 'join', entity: player('alice', 100, 100) },
      { kind: 'join', entity: player('bob', 105, 100) },
    ]).world;
    const { outgoing, world } = run(joined, [{ kind: 'leave', entityId: 'c:bob' }]);
    expect(world.entities.has('c:bob')).toBe(false);
    expect(outgoing[0]).toEqual([{ to: 'c:alice', event: 'proximity_roster_delta', data: { added: [], removed: ['c:bob'], changed: [] } }]);
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
      [], [], [],
    ];
    const a = run(emptyWorld(testZone), ...inputs).world.entities.get('c:alice');
    const b = run(emptyWorld(testZone), ...inputs).world.entities.get('c:alice');
    expect(a).toEqual(b);
  });
});
