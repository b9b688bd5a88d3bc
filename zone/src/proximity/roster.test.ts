import { player } from '../world/fixtures.test-helpers.js';
import { rosterEntry } from './roster.js';

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
