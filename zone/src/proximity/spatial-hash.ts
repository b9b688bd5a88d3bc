/**
 * Uniform grid over the zone. Rebuilt each tick (O(n)); a query touches only
 * the cells a circle overlaps, so roster cost grows with local density, not
 * with everyone in the zone.
 */
export class SpatialHash<T extends { id: string; x: number; y: number }> {
  private readonly cells = new Map<string, T[]>();

  constructor(private readonly cellSize: number) {
    if (!(cellSize > 0)) throw new RangeError(`cell size must be positive, got ${cellSize}`);
  }

  static of<T extends { id: string; x: number; y: number }>(cellSize: number, items: Iterable<T>): SpatialHash<T> {
    const hash = new SpatialHash<T>(cellSize);
    for (const item of items) hash.insert(item);
    return hash;
  }

  insert(item: T): void {
    const key = this.key(this.cell(item.x), this.cell(item.y));
    const bucket = this.cells.get(key);
    if (bucket) bucket.push(item);
    else this.cells.set(key, [item]);
  }

  /** Every item within `radius` of (x, y), exact distance, in no particular order. */
  within(x: number, y: number, radius: number): T[] {
    const found: T[] = [];
    const r2 = radius * radius;
    for (let cx = this.cell(x - radius); cx <= this.cell(x + radius); cx++) {
      for (let cy = this.cell(y - radius); cy <= this.cell(y + radius); cy++) {
        for (const item of this.cells.get(this.key(cx, cy)) ?? []) {
          const dx = item.x - x;
          const dy = item.y - y;
          if (dx * dx + dy * dy <= r2) found.push(item);
        }
      }
    }
    return found;
  }

  private cell(value: number): number {
    return Math.floor(value / this.cellSize);
  }

  private key(cx: number, cy: number): string {
    return `${cx},${cy}`;
  }
}
