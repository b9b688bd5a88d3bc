import { around, clampInto, distanceOutside, randomPointIn } from './region.js';

const region = { minX: 10, minY: 20, maxX: 30, maxY: 60 };

describe('region', () => {
  it.each([
    ['inside', { x: 15, y: 30 }, 0],
    ['on the edge', { x: 10, y: 60 }, 0],
    ['west of it', { x: 4, y: 30 }, 6],
    ['north-east of it, diagonally', { x: 33, y: 64 }, 5],
  ])('distanceOutside: %s', (_, point, expected) => {
    expect(distanceOutside(point, region)).toBeCloseTo(expected);
  });

  it.each([
    [0, 0, { x: 10, y: 20 }],
    [0.5, 0.5, { x: 20, y: 40 }],
    [0.999, 0.25, { x: 29.98, y: 30 }],
  ])('randomPointIn maps draws %p, %p across the rectangle', (a, b, expected) => {
    const draws = [a, b];
    const point = randomPointIn(region, () => draws.shift()!);
    expect(point.x).toBeCloseTo(expected.x);
    expect(point.y).toBeCloseTo(expected.y);
  });

  it.each([
    ['inside stays', { x: 12, y: 22 }, { x: 12, y: 22 }],
    ['outside comes to the edge', { x: 50, y: 0 }, { x: 30, y: 20 }],
  ])('clampInto: %s', (_, point, expected) => {
    expect(clampInto(point, region)).toEqual(expected);
  });

  it.each([
    ['well inside', { x: 20, y: 40 }, 5, { minX: 15, minY: 35, maxX: 25, maxY: 45 }],
    ['near a corner', { x: 11, y: 21 }, 5, { minX: 10, minY: 20, maxX: 16, maxY: 26 }],
    ['far outside: the nearest point of the region', { x: 100, y: 40 }, 5, { minX: 30, minY: 40, maxX: 30, maxY: 40 }],
  ])('around: %s', (_, centre, radius, expected) => {
    expect(around(centre, radius, region)).toEqual(expected);
  });
});
