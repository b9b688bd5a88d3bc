import { player } from '../testing/fixtures.js';
import { diffRoster, rosterEntry, rosterFor } from './roster.js';
import { SpatialHash } from './spatial-hash.js';

describe('SpatialHash.within', () => {
  it('finds exactly the items inside the circle, across cell borders and negative coordinates', () => {
    const items = [
      { id: 'a', x: 0, y: 0 },
      { id: 'b', x: 9.9, y: 0 },
      { id: 'c', x: 10.1, y: 0 },
      { id: 'd', x: -7, y: -7 },
      { id: 'e', x: 55, y: 55 },
    ];
    const hash = SpatialHash.of(4, items);
    expect(hash.within(0, 0, 10).map((i) => i.id).sort()).toEqual(['a', 'b', 'd']);
  });

  it('agrees with a brute-force scan on random points', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 400 - 200;
    const items = Array.from({ length: 300 }, (_, i) => ({ id: String(i), x: random(), y: random() }));
    const hash = SpatialHash.of(25, items);
    for (let q = 0; q < 20; q++) {
      const [x, y] = [random(), random()];
      const brute = items.filter((i) => Math.hypot(i.x - x, i.y - y) <= 60).map((i) => i.id).sort();
      expect(hash.within(x, y, 60).map((i) => i.id).sort()).toEqual(brute);
    }
  });
});

describe('rosterEntry', () => {
  it.each([
    { other: [100, 110, 0], bearing: 0, range: 10, elevation: 0 },
    { other: [110, 100, 0], bearing: 90, range: 10, elevation: 0 },
    { other: [90, 90, 0], bearing: 225, range: 14.14, elevation: 0 },
    { other: [100, 110, 10], bearing: 0, range: 14.14, elevation: 45 },
    { other: [100, 110, -10], bearing: 0, range: 14.14, elevation: -45 },
  ])('viewer at (100,100,0) sees $other at bearing $bearing, range $range, elevation $elevation', ({ other, bearing, range, elevation }) => {
    const [x, y, z] = other as [number, number, number];
    const entry = rosterEntry(player('me', 100, 100), player('you', x, y, { z }));
    expect(entry).toMatchObject({ id: 'c:you', kind: 'player', name: 'you', bearing, range, elevation });
  });
});

describe('diffRoster', () => {
  const me = player('me', 100, 100);
  const roster = (...others: ReturnType<typeof player>[]) => rosterFor(me, SpatialHash.of(50, [me, ...others]), 50);

  it('reports arrivals, departures and visible changes', () => {
    const before = roster(player('a', 110, 100), player('b', 120, 100));
    const after = roster(player('a', 112, 100), player('c', 90, 100));
    const { delta } = diffRoster(before, after);
    expect(delta.added.map((e) => e.id)).toEqual(['c:c']);
    expect(delta.removed).toEqual(['c:b']);
    expect(delta.changed.map((e) => e.id)).toEqual(['c:a']);
  });

  it('stays quiet for changes below the thresholds but lets small drift add up', () => {
    let known = roster(player('a', 110, 100));
    let sent = 0;
    for (let step = 1; step <= 10; step++) {
      const { delta, next } = diffRoster(known, roster(player('a', 110 + step * 0.02, 100)));
      sent += delta.changed.length;
      known = next;
    }
    // 0.2 m of drift in 0.02 m steps: each step is below the 0.05 m threshold,
    // but every third step has moved 0.06 m from what the viewer was last told.
    expect(sent).toBe(3);
  });

  it('ignores entities out of perception range', () => {
    expect([...roster(player('far', 100, 151)).keys()]).toEqual([]);
  });
});
