/**
 * A set of entity handles (1…65535) in one small open-addressed table:
 * membership without a Map's per-entry cost, and memory in proportion to
 * what one player sees rather than to everything in the zone.
 */
export class HandleSet {
  private table: Uint16Array;
  private mask: number;
  /** The same handles, packed, for iterating without visiting empty slots. */
  private list: Uint16Array;
  size = 0;

  constructor(capacity = 64) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.table = new Uint16Array(slots);
    this.mask = slots - 1;
    this.list = new Uint16Array(slots / 2);
  }

  clear(): void {
    if (this.size === 0) return;
    this.table.fill(0);
    this.size = 0;
  }

  has(handle: number): boolean {
    const { table, mask } = this;
    for (let i = this.slot(handle); ; i = (i + 1) & mask) {
      const held = table[i]!;
      if (held === handle) return true;
      if (held === 0) return false;
    }
  }

  /** Adds a handle (never 0); answers false when it was there already. */
  add(handle: number): boolean {
    if ((this.size + 1) * 2 > this.table.length) this.grow();
    const { table, mask } = this;
    for (let i = this.slot(handle); ; i = (i + 1) & mask) {
      const held = table[i]!;
      if (held === handle) return false;
      if (held === 0) {
        table[i] = handle;
        this.list[this.size++] = handle;
        return true;
      }
    }
  }

  /** The handles, in the order they were added, in the first `size` places. */
  entries(): Uint16Array {
    return this.list;
  }

  private slot(handle: number): number {
    // Fibonacci hashing spreads neighbouring handles across the table.
    return (Math.imul(handle, 0x9e3779b1) >>> 16) & this.mask;
  }

  private grow(): void {
    const old = this.list;
    const count = this.size;
    this.table = new Uint16Array(this.table.length * 2);
    this.mask = this.table.length - 1;
    this.list = new Uint16Array(this.table.length / 2);
    this.size = 0;
    for (let i = 0; i < count; i++) this.add(old[i]!);
  }
}
