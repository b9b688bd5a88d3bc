import { ViewGrid } from './view-grid.js';

const ids = (items: Array<{ id: string }>) => items.map((i) => i.id).sort();

describe('ViewGrid.within', () => {
  it('finds exactly the items inside the circle, across cell borders and negative coordinates', () => {
    const grid = new ViewGrid<{ id: string; x: number; y: number }>(4);
    for (const item of [
      { id: 'a', x: 0, y: 0 },
      { id: 'b', x: 9.9, y: 0 },
      { id: 'c', x: 10.1, y: 0 },
      { id: 'd', x: -7, y: -7 },
      { id: 'e', x: 55, y: 55 },
    ]) grid.insert(item);
    expect(ids(grid.within(0, 0, 10, []))).toEqual(['a', 'b', 'd']);
  });

  it('agrees with a brute-force scan on random points, and forgets everything on clear', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 400 - 200;
    const items = Array.from({ length: 300 }, (_, i) => ({ id: String(i), x: random(), y: random() }));
    const grid = new ViewGrid<(typeof items)[number]>(25);
    for (const item of items) grid.insert(item);
    const out: typeof items = [];
    for (let q = 0; q < 20; q++) {
      const [x, y] = [random(), random()];
      const brute = items.filter((i) => Math.hypot(i.x - x, i.y - y) <= 60).map((i) => i.id).sort();
      expect(ids(grid.within(x, y, 60, out))).toEqual(brute);
    }
    grid.clear();
    expect(grid.within(0, 0, 1000, out)).toEqual([]);
  });

  it('refuses a cell size that is not positive', () => {
    expect(() => new ViewGrid(0)).toThrow(RangeError);
  });
});
