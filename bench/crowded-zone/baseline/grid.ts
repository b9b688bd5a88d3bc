/** Uniform grid with cells as wide as the perception range: a range query reads at most 3 × 3 cells. */
export class Grid<T extends { x: number; y: number }> {
  private readonly cells = new Map<number, T[]>();

  constructor(private readonly cellSize: number) {}

  rebuild(items: Iterable<T>): void {
    this.cells.clear();
    for (const item of items) {
      const key = this.key(Math.floor(item.x / this.cellSize), Math.floor(item.y / this.cellSize));
      const cell = this.cells.get(key);
      if (cell) cell.push(item);
      else this.cells.set(key, [item]);
    }
  }

  /** Calls `visit` for every item within `range` (≤ the cell size) of (x, y). */
  forEachWithin(x: number, y: number, range: number, visit: (item: T) => void): void {
    const cx = Math.floor(x / this.cellSize);
    const cy = Math.floor(y / this.cellSize);
    const rangeSquared = range * range;
    for (let i = cx - 1; i <= cx + 1; i += 1) {
      for (let j = cy - 1; j <= cy + 1; j += 1) {
        const cell = this.cells.get(this.key(i, j));
        if (!cell) continue;
        for (const item of cell) {
          const dx = item.x - x;
          const dy = item.y - y;
          if (dx * dx + dy * dy <= rangeSquared) visit(item);
        }
      }
    }
  }

  private key(cx: number, cy: number): number {
    return (cx + 32768) * 65536 + (cy + 32768);
  }
}
