import { assign } from './assign.js';

const zones = (...ids: string[]) => ids.map((id) => ({ id }));
const servers = (...ids: string[]) => ids.map((id) => ({ id }));
const asObject = (map: ReadonlyMap<string, string>) => Object.fromEntries([...map].sort());

describe('assign', () => {
  it.each([
    {
      name: 'spreads zones over empty servers',
      zones: zones('a', 'b', 'c', 'd'),
      servers: servers('s1', 's2'),
      current: {},
      expected: { a: 's1', b: 's2', c: 's1', d: 's2' },
    },
    {
      name: 'keeps a balanced placement as it is',
      zones: zones('a', 'b'),
      servers: servers('s1', 's2'),
      current: { a: 's2', b: 's1' },
      expected: { a: 's2', b: 's1' },
    },
    {
      name: 'moves the zones of a lost server and nothing else',
      zones: zones('a', 'b', 'c'),
      servers: servers('s1', 's3'),
      current: { a: 's1', b: 's2', c: 's3' },
      expected: { a: 's1', b: 's1', c: 's3' },
    },
    {
      name: 'empties a draining server',
      zones: zones('a', 'b'),
      servers: [{ id: 's1', draining: true }, { id: 's2' }],
      current: { a: 's1', b: 's2' },
      expected: { a: 's2', b: 's2' },
    },
    {
      name: 'weights count: one heavy zone balances two light ones',
      zones: [{ id: 'heavy', weight: 2 }, { id: 'l1' }, { id: 'l2' }],
      servers: servers('s1', 's2'),
      current: {},
      expected: { heavy: 's1', l1: 's2', l2: 's2' },
    },
    {
      name: 'rebalances onto a new server',
      zones: zones('a', 'b', 'c', 'd'),
      servers: servers('s1', 's2'),
      current: { a: 's1', b: 's1', c: 's1', d: 's1' },
      expected: { a: 's2', b: 's2', c: 's1', d: 's1' },
    },
    {
      name: 'a new server gets zones even when the busiest servers tie',
      zones: zones('a', 'b', 'c', 'd'),
      servers: servers('s1', 's2', 's3'),
      current: { a: 's1', b: 's1', c: 's2', d: 's2' },
      expected: { a: 's3', b: 's1', c: 's2', d: 's2' },
    },
    {
      name: 'players add load',
      zones: [{ id: 'busy', players: 300 }, { id: 'q1' }, { id: 'q2' }, { id: 'q3' }],
      servers: servers('s1', 's2'),
      current: {},
      expected: { busy: 's1', q1: 's2', q2: 's2', q3: 's2' },
    },
  ])('$name', ({ zones, servers, current, expected }) => {
    expect(asObject(assign(zones, servers, new Map(Object.entries(current))).assignments)).toEqual(expected);
  });

  it('respects maxZones and reports what does not fit', () => {
    const result = assign(
      zones('a', 'b', 'c'),
      [
        { id: 's1', maxZones: 1 },
        { id: 's2', maxZones: 1 },
      ],
      new Map(),
    );
    expect(result.assignments.size).toBe(2);
    expect(result.unplaced).toHaveLength(1);
  });

  it('reports only real moves', () => {
    const result = assign(
      zones('a', 'b', 'c'),
      servers('s1', 's3'),
      new Map([
        ['a', 's1'],
        ['b', 's2'],
        ['c', 's3'],
      ]),
    );
    expect(result.moved).toEqual([{ zoneId: 'b', from: 's2', to: 's1' }]);
  });

  it('places nothing without servers', () => {
    expect(assign(zones('a'), [], new Map())).toEqual({ assignments: new Map(), unplaced: ['a'], moved: [] });
  });

  it('is deterministic whatever the input order', () => {
    const z = zones('a', 'b', 'c', 'd', 'e');
    const a = assign(z, servers('s1', 's2', 's3'), new Map());
    const b = assign([...z].reverse(), servers('s3', 's1', 's2'), new Map());
    expect(asObject(a.assignments)).toEqual(asObject(b.assignments));
  });
});
