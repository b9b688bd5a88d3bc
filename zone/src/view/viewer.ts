/**
 * One player's view between ticks. `visible` lists the handles in view;
 * `stamps[handle]` is the tick of the last full pass that found the handle in
 * range. Typed arrays, not maps: a crowded zone asks "was it in view?" tens of
 * thousands of times per tick. Memory is 4 bytes per handle the zone has used
 * (6 KB per player with 1,600 entities) plus the visible list.
 */
export class Viewer {
  private stamps = new Int32Array(64).fill(-1);
  private visible = new Uint16Array(64);
  private visibleCount = 0;
  private next = new Uint16Array(64);
  private nextCount = 0;
  /** Tick of the last full pass; -1: none yet (everything in range is new). */
  private lastPass = -1;

  /** `slot` spreads viewers' full passes over the ticks. */
  constructor(readonly slot: number) {}

  /** The client will forget everything (a full frame): the next pass finds everything new. */
  forget(): void {
    this.visibleCount = 0;
    this.lastPass = -1;
  }

  get count(): number {
    return this.visibleCount;
  }

  /** The handles in view, in the first `count` places. */
  handles(): Uint16Array {
    return this.visible;
  }

  /** Starts a full pass. */
  beginPass(): void {
    this.nextCount = 0;
  }

  /** A handle in range during a full pass; answers whether it was in view before. */
  inRange(handle: number, tick: number): boolean {
    if (handle >= this.stamps.length) {
      const grown = new Int32Array(Math.max(handle + 1, this.stamps.length * 2)).fill(-1);
      grown.set(this.stamps);
      this.stamps = grown;
    }
    const before = this.lastPass >= 0 && this.stamps[handle] === this.lastPass;
    this.stamps[handle] = tick;
    if (this.nextCount === this.next.length) {
      const grown = new Uint16Array(this.next.length * 2);
      grown.set(this.next);
      this.next = grown;
    }
    this.next[this.nextCount++] = handle;
    return before;
  }

  /** Ends a full pass: adds to `removed` the handles in view before and not now. */
  endPass(tick: number, removed: number[]): void {
    for (let i = 0; i < this.visibleCount; i++) {
      const handle = this.visible[i]!;
      if (this.stamps[handle] !== tick) removed.push(handle);
    }
    const previous = this.visible;
    this.visible = this.next;
    this.next = previous.length >= this.visible.length ? previous : new Uint16Array(this.visible.length);
    this.visibleCount = this.nextCount;
    this.lastPass = tick;
  }

  /** Between passes: drops handles whose entity is gone (`present(handle)` false), adding them to `removed`. */
  dropGone(present: (handle: number) => boolean, removed: number[]): void {
    let kept = 0;
    for (let i = 0; i < this.visibleCount; i++) {
      const handle = this.visible[i]!;
      if (present(handle)) {
        this.visible[kept++] = handle;
      } else {
        removed.push(handle);
        // The handle may name another entity soon: it must count as new then.
        this.stamps[handle] = -1;
      }
    }
    this.visibleCount = kept;
  }
}
