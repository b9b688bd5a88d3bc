import { decodeFrame, FRAME_MAGIC, PROTOCOL_VERSION } from '@aether/shared/wire';
import { defaultCommands } from '../commands/execute.js';
import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { step } from '../simulation/step.js';
import { emptyWorld, type Input, type World } from '../world/types.js';
import { Onlookers, type Seen } from './onlookers.test-helpers.js';
import { ZoneView } from './zone-view.js';

const context = { rules: DEFAULT_RULES, commands: defaultCommands(), random: () => 0.5, now: () => 0 };
const dt = 1 / 20;

/** A zone and its players' clients, ticked together. */
class Scene {
  world: World = emptyWorld(testZone);
  readonly onlookers: Onlookers;

  /** Range is worked out every tick unless a test says otherwise, so arrivals show at once. */
  constructor(viewRangeEveryTicks = 1) {
    this.onlookers = new Onlookers({ ...DEFAULT_RULES, viewRangeEveryTicks });
  }

  tick(...inputs: Input[]): Seen[] {
    const result = step(this.world, inputs, dt, context);
    this.world = result.world;
    return this.onlookers.see(this.world, result.outgoing, dt);
  }

  ticks(count: number): Seen[] {
    const seen: Seen[] = [];
    for (let i = 0; i < count; i++) seen.push(...this.tick());
    return seen;
  }
}

const to = (seen: Seen[], id: string) => seen.filter((s) => s.to === id).map((s) => s.event);

describe('ZoneView: what players are told', () => {
  it('a joining player gets world_enter and a full roster in one frame; others get it as added', () => {
    const scene = new Scene();
    const first = scene.tick({ kind: 'join', entity: player('alice', 100, 100) });
    expect(to(first, 'c:alice')).toEqual(['world_enter', 'proximity_roster', 'state_update']);
    const second = scene.tick({ kind: 'join', entity: player('bob', 105, 100) });
    expect(to(second, 'c:bob')).toEqual(['world_enter', 'proximity_roster', 'state_update']);
    expect(second.find((s) => s.to === 'c:bob' && s.event === 'proximity_roster')!.data.entities).toEqual([
      expect.objectContaining({ id: 'c:alice', kind: 'player', name: 'alice', range: 5, bearing: 270 }),
    ]);
    expect(second.find((s) => s.to === 'c:alice')).toMatchObject({
      event: 'proximity_roster_delta',
      data: { added: [expect.objectContaining({ id: 'c:bob', range: 5, bearing: 90 })], removed: [], changed: [] },
    });
  });

  it('a walker is reported when it starts, turns and stops — not on every tick in between', () => {
    const scene = new Scene();
    scene.tick({ kind: 'join', entity: player('alice', 100, 100) }, { kind: 'join', entity: player('bob', 105, 100) });
    const start = scene.tick({ kind: 'move', entityId: 'c:bob', move: { heading: 0, speed: 5 } });
    expect(start.find((s) => s.to === 'c:alice')).toMatchObject({
      event: 'proximity_roster_delta',
      data: { changed: [expect.objectContaining({ id: 'c:bob', moving: true, heading: 0 })] },
    });
    expect(start.find((s) => s.to === 'c:bob')).toMatchObject({ event: 'state_update', data: { character: { moving: true, heading: 0 } } });
    // Walking straight on: nothing to say, and the clients' guess stays right.
    expect(scene.ticks(40)).toEqual([]);
    const truth = scene.world.entities.get('c:bob')!;
    const guess = scene.onlookers.roster('c:alice').find((entry) => entry.id === 'c:bob')!;
    expect(guess.y).toBeCloseTo(truth.y, 1);
    expect(truth.y).toBeCloseTo(100.25 + 40 * 0.25, 5);

    const turn = scene.tick({ kind: 'move', entityId: 'c:bob', move: { heading: 90, speed: 3 } });
    expect(turn.find((s) => s.to === 'c:alice')!.data.changed).toEqual([expect.objectContaining({ id: 'c:bob', heading: 90 })]);
    const stop = scene.tick({ kind: 'move', entityId: 'c:bob', move: { stop: true } });
    expect(stop).toContainEqual({ to: 'c:bob', event: 'state_update', data: { character: expect.objectContaining({ moving: false }) } });
    expect(stop.find((s) => s.to === 'c:alice')!.data.changed).toEqual([expect.objectContaining({ id: 'c:bob', moving: false })]);
  });

  it('a jump the clients could not predict (a respawn, a clamp at the edge) is sent at once', () => {
    const scene = new Scene();
    scene.tick({ kind: 'join', entity: player('alice', 100, 100) }, { kind: 'join', entity: player('bob', 105, 100) });
    scene.world = { ...scene.world, entities: new Map(scene.world.entities).set('c:bob', { ...scene.world.entities.get('c:bob')!, x: 130 }) };
    const seen = scene.onlookers.see(scene.world);
    expect(seen.find((s) => s.to === 'c:alice')!.data.changed).toEqual([expect.objectContaining({ id: 'c:bob', x: 130, range: 30 })]);
  });

  it('a leaving player disappears from the others’ rosters, and its handle is not reused within the tick', () => {
    const scene = new Scene();
    scene.tick({ kind: 'join', entity: player('alice', 100, 100) }, { kind: 'join', entity: player('bob', 105, 100) });
    const seen = scene.tick({ kind: 'leave', entityId: 'c:bob' }, { kind: 'join', entity: player('carol', 101, 100) });
    const delta = seen.find((s) => s.to === 'c:alice')!.data;
    expect(delta.removed).toEqual(['c:bob']);
    expect(delta.added).toEqual([expect.objectContaining({ id: 'c:carol' })]);
    expect(scene.onlookers.roster('c:alice').map((e) => e.id)).toEqual(['c:carol']);
  });

  it('walking out of range removes, walking back adds', () => {
    const scene = new Scene();
    scene.tick({ kind: 'join', entity: player('alice', 10, 100) }, { kind: 'join', entity: player('bob', 105, 100) });
    expect(scene.onlookers.roster('c:alice').map((e) => e.id)).toEqual(['c:bob']);
    scene.tick({ kind: 'move', entityId: 'c:bob', move: { heading: 90, speed: 5 } });
    const away = scene.ticks(20);
    expect(away.find((s) => s.to === 'c:alice')!.data.removed).toEqual(['c:bob']);
    const back = [...scene.tick({ kind: 'move', entityId: 'c:bob', move: { heading: 270, speed: 5 } }), ...scene.ticks(20)];
    expect(back.find((s) => s.to === 'c:alice')!.data.added).toEqual([expect.objectContaining({ id: 'c:bob', moving: true, heading: 270 })]);
  });

  it('carries the tick’s messages for a player inside that player’s frame, after the view', () => {
    const scene = new Scene();
    scene.tick({ kind: 'join', entity: player('alice', 100, 100) }, { kind: 'join', entity: player('bob', 105, 100) });
    const seen = scene.tick({ kind: 'command', entityId: 'c:bob', text: '/say hello' });
    expect(seen.filter((s) => s.event === 'event').map((s) => [s.to, s.data.text])).toEqual([
      ['c:alice', 'bob says, "hello"'],
      ['c:bob', 'You say, "hello"'],
    ]);
  });

  it('a resync (world_enter again) gets a full frame', () => {
    const scene = new Scene();
    scene.tick({ kind: 'join', entity: player('alice', 100, 100) }, { kind: 'join', entity: player('bob', 105, 100) });
    const seen = scene.tick({ kind: 'resync', entityId: 'c:alice' });
    expect(to(seen, 'c:alice')).toEqual(['world_enter', 'proximity_roster', 'state_update']);
    expect(to(seen, 'c:bob')).toEqual([]);
  });

  it('works out who is in range on each player’s turn, but sends motion and departures from the zone at once', () => {
    const scene = new Scene(4);
    scene.tick({ kind: 'join', entity: player('alice', 100, 100) }, { kind: 'join', entity: player('bob', 105, 100) });
    // Carol enters the zone: Alice and Bob see her at once, whoever's turn it is, and only once.
    const arrival = scene.tick({ kind: 'join', entity: player('carol', 110, 100) });
    const addedTo = arrival
      .filter((s) => s.event === 'proximity_roster_delta' && s.data.added.length > 0)
      .map((s) => s.to)
      .sort();
    expect(addedTo).toEqual(['c:alice', 'c:bob']);
    expect(scene.ticks(4).filter((s) => s.event === 'proximity_roster_delta')).toEqual([]);
    // Dave enters at the edge of Alice's range (she sees him at once) and walks into Bob's and Carol's: they see him on their turns, within 4 ticks.
    const addsOfDave = (seen: Seen[]) =>
      seen
        .filter((s) => s.event === 'proximity_roster_delta' && s.data.added.some((e: { id: string }) => e.id === 'c:dave'))
        .map((s) => s.to)
        .sort();
    expect(addsOfDave(scene.tick({ kind: 'join', entity: player('dave', 100, 199.9) }))).toEqual(['c:alice']);
    const approach = [...scene.tick({ kind: 'move', entityId: 'c:dave', move: { heading: 180, speed: 5 } }), ...scene.ticks(5)];
    expect(addsOfDave(approach)).toEqual(['c:bob', 'c:carol']);
    // Bob turns: everyone who sees him hears in that very tick, whoever's turn it is.
    for (let i = 0; i < 4; i++) {
      const turn = scene.tick({ kind: 'move', entityId: 'c:bob', move: { heading: (90 * i) % 360, speed: 1 } });
      expect(
        turn
          .filter((s) => s.event === 'proximity_roster_delta' && s.data.changed.length > 0)
          .map((s) => s.to)
          .sort(),
      ).toEqual(['c:alice', 'c:carol', 'c:dave']);
    }
    // Carol leaves the zone: gone for everyone at once.
    const left = scene.tick({ kind: 'leave', entityId: 'c:carol' });
    expect(left.filter((s) => s.event === 'proximity_roster_delta').map((s) => [s.to, s.data.removed])).toEqual([
      ['c:alice', ['c:carol']],
      ['c:bob', ['c:carol']],
      ['c:dave', ['c:carol']],
    ]);
  });

  it('refuses a range interval that is not a whole number of ticks', () => {
    expect(() => new ZoneView({ perceptionRange: 100, motionTolerance: 0.1, rangeEveryTicks: 0 })).toThrow(RangeError);
  });

  it('sends nothing at all to a crowd standing still', () => {
    const scene = new Scene();
    scene.tick(...Array.from({ length: 30 }, (_, i): Input => ({ kind: 'join', entity: player(`p${i}`, 50 + i, 100) })));
    expect(scene.ticks(10)).toEqual([]);
  });
});

describe('ZoneView: frames on the wire', () => {
  it('writes the documented header, and each moving entity’s record once however many see it', () => {
    const view = new ZoneView({ perceptionRange: 100, motionTolerance: 0.1, rangeEveryTicks: 4 });
    let world = emptyWorld(testZone);
    const inputs: Input[] = Array.from({ length: 20 }, (_, i) => ({ kind: 'join', entity: player(`p${i}`, 90 + i, 100) }));
    world = step(world, inputs, dt, context).world;
    view.update(world, [], new Map(), dt, () => undefined);
    world = step(world, [{ kind: 'move', entityId: 'c:p0', move: { heading: 45, speed: 2 } }], dt, context).world;
    const frames: Buffer[] = [];
    view.update(world, [], new Map(), dt, (_, frame) => frames.push(frame));
    expect(frames).toHaveLength(20);
    for (const frame of frames) {
      expect(frame[0]).toBe(FRAME_MAGIC);
      expect(frame[1]).toBe(PROTOCOL_VERSION);
      const decoded = decodeFrame(frame);
      expect(decoded).toMatchObject({ tick: world.tick, intervalMs: 50, full: false, removed: [], added: [], messages: [] });
      expect(decoded.moved).toEqual([expect.objectContaining({ heading: 45, speed: 2 })]);
      // 9 header + 2 removed + 2 added + 2 + 18 moved + 4 messages
      expect(frame.byteLength).toBe(37);
    }
  });

  it('refuses a view of more entities than handles exist', () => {
    const view = new ZoneView({ perceptionRange: 1, motionTolerance: 0.1, rangeEveryTicks: 1 });
    const entities = new Map(
      Array.from({ length: 0x10000 }, (_, i) => [`w:${i}`, { ...player(`w${i}`, i % 200, 5), id: `w:${i}`, kind: 'wildlife' as const, player: undefined }]),
    );
    expect(() => view.update({ ...emptyWorld(testZone), entities }, [], new Map(), dt, () => undefined)).toThrow(RangeError);
  });
});
