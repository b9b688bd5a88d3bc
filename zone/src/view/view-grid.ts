/**
 * Uniform grid of the things in view this tick, kept between ticks so that a
 * steady zone rebuilds it without allocating: cells are cleared, not thrown
 * away, and queries fill a caller's array.
 */
export class ViewGrid<T extends { x: number; y: number }> {
  private readonly cells = new Map<number, T[]>();

  constructor(private readonly cellSize: number) {
    if (!(cellSize > 0)) throw new RangeError(`cell size must be positive, got ${cellSize}`);
  }

  clear(): void {
    for (const cell of this.cells.values()) cell.length = 0;
  }

  insert(item: T): void {
    const key = this.key(this.cell(item.x), this.cell(item.y));
    const cell = this.cells.get(key);
    if (cell) cell.push(item);
    else this.cells.set(key, [item]);
  }

  /** Fills `out` (emptied first) with every item within `radius` of (x, y), exact distance. */
  within(x: number, y: number, radius: number, out: T[]): T[] {
    out.length = 0;
    const r2 = radius * radius;
    const maxX = this.cell(x + radius);
    const maxY = this.cell(y + radius);
    for (let cx = this.cell(x - radius); cx <= maxX; cx++) {
      for (let cy = this.cell(y - radius); cy <= maxY; cy++) {
        const cell = this.cells.get(this.key(cx, cy));
        if (!cell) continue;
        for (let i = 0; i < cell.length; i++) {
          const item = cell[i]!;
          const dx = item.x - x;
          const dy = item.y - y;
          if (dx * dx + dy * dy <= r2) out.push(item);
        }
      }
    }
    return out;
  }

  private cell(value: number): number {
    return Math.floor(value / this.cellSize);
  }

  /** One number per cell (no string keys): cells within ±2^20 of the origin, far beyond any zone. */
  private key(cx: number, cy: number): number {
    return (cx + 0x100000) * 0x200000 + (cy + 0x100000);
  }
}
