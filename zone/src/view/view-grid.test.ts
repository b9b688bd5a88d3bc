import { ViewGrid } from './view-grid.js';

/** Inserts items by their index as handle; answers a query as the items' ids. */
function gridOf(cellSize: number, items: Array<{ id: string; x: number; y: number }>) {
  const grid = new ViewGrid(cellSize);
  items.forEach((item, handle) => {
    grid.insert(handle, item.x, item.y);
  });
  const query = (x: number, y: number, r: number) => {
    const count = grid.within(x, y, r);
    return Array.from(grid.result().subarray(0, count), (h) => items[h]!.id).sort();
  };
  return { grid, query };
}

describe('ViewGrid.within', () => {
  it('finds exactly the items inside the circle, across cell borders and negative coordinates', () => {
    const { query } = gridOf(4, [
      { id: 'a', x: 0, y: 0 },
      { id: 'b', x: 9.9, y: 0 },
      { id: 'c', x: 10.1, y: 0 },
      { id: 'd', x: -7, y: -7 },
      { id: 'e', x: 55, y: 55 },
    ]);
    expect(query(0, 0, 10)).toEqual(['a', 'b', 'd']);
  });

  it('agrees with a brute-force scan on random points, and forgets everything on clear', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 400 - 200;
    const items = Array.from({ length: 300 }, (_, i) => ({ id: String(i), x: random(), y: random() }));
    const { grid, query } = gridOf(25, items);
    for (let q = 0; q < 20; q++) {
      const [x, y] = [random(), random()];
      const brute = items
        .filter((i) => Math.hypot(i.x - x, i.y - y) <= 60)
        .map((i) => i.id)
        .sort();
      expect(query(x, y, 60)).toEqual(brute);
    }
    // Everything at once: the result grows past its first size.
    expect(query(0, 0, 1000)).toHaveLength(300);
    grid.clear();
    expect(grid.within(0, 0, 1000)).toBe(0);
  });

  it('refuses a cell size that is not positive', () => {
    expect(() => new ViewGrid(0)).toThrow(RangeError);
  });
});
