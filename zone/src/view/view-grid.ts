/** Growable columns of one grid cell: handle and position of each point, side by side in typed arrays. */
class Cell {
  handles = new Uint16Array(16);
  xs = new Float64Array(16);
  ys = new Float64Array(16);
  count = 0;

  add(handle: number, x: number, y: number): void {
    if (this.count === this.handles.length) {
      const size = this.count * 2;
      const handles = new Uint16Array(size);
      const xs = new Float64Array(size);
      const ys = new Float64Array(size);
      handles.set(this.handles);
      xs.set(this.xs);
      ys.set(this.ys);
      this.handles = handles;
      this.xs = xs;
      this.ys = ys;
    }
    this.handles[this.count] = handle;
    this.xs[this.count] = x;
    this.ys[this.count] = y;
    this.count += 1;
  }
}

/**
 * Uniform grid of the points in view this tick, by handle. Kept between
 * ticks so that a steady zone rebuilds it without allocating (cells are
 * emptied, not thrown away), and laid out as typed arrays so a query reads
 * memory in order instead of chasing one object per point: in a crowded zone
 * the queries are most of a tick.
 */
export class ViewGrid {
  private readonly cells = new Map<number, Cell>();
  private found = new Uint16Array(256);

  constructor(private readonly cellSize: number) {
    if (!(cellSize > 0)) throw new RangeError(`cell size must be positive, got ${cellSize}`);
  }

  clear(): void {
    for (const cell of this.cells.values()) cell.count = 0;
  }

  insert(handle: number, x: number, y: number): void {
    const key = this.key(this.cell(x), this.cell(y));
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = new Cell()));
    cell.add(handle, x, y);
  }

  /**
   * The handles within `radius` of (x, y), exact distance, in `result()`'s
   * first `count` places (valid until the next query); answers the count.
   */
  within(x: number, y: number, radius: number): number {
    let count = 0;
    const r2 = radius * radius;
    const maxX = this.cell(x + radius);
    const maxY = this.cell(y + radius);
    for (let cx = this.cell(x - radius); cx <= maxX; cx++) {
      for (let cy = this.cell(y - radius); cy <= maxY; cy++) {
        const cell = this.cells.get(this.key(cx, cy));
        if (!cell || cell.count === 0) continue;
        const { handles, xs, ys } = cell;
        for (let i = 0; i < cell.count; i++) {
          const dx = xs[i]! - x;
          const dy = ys[i]! - y;
          if (dx * dx + dy * dy > r2) continue;
          if (count === this.found.length) {
            const grown = new Uint16Array(count * 2);
            grown.set(this.found);
            this.found = grown;
          }
          this.found[count++] = handles[i]!;
        }
      }
    }
    return count;
  }

  /** The handles the last query found. */
  result(): Uint16Array {
    return this.found;
  }

  private cell(value: number): number {
    return Math.floor(value / this.cellSize);
  }

  /** One number per cell (no string keys): cells within ±2^20 of the origin, far beyond any zone. */
  private key(cx: number, cy: number): number {
    return (cx + 0x100000) * 0x200000 + (cy + 0x100000);
  }
}
