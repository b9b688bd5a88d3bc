import { HandleSet } from './handle-set.js';

/**
 * One player's view between ticks: the handles in view. Two small hash sets
 * swapped on every full pass, so memory follows what the player sees (about
 * 1 KB for 50 entities in view), not how many entities the zone holds.
 */
export class Viewer {
  private visible = new HandleSet();
  private next = new HandleSet();

  /** `slot` spreads viewers' full passes over the ticks. */
  constructor(readonly slot: number) {}

  /** The client will forget everything (a full frame): the next pass finds everything new. */
  forget(): void {
    this.visible.clear();
  }

  /** The handles in view, in the first `count` places. */
  handles(): Uint16Array {
    return this.visible.entries();
  }

  get count(): number {
    return this.visible.size;
  }

  /** Starts a full pass. */
  beginPass(): void {
    this.next.clear();
  }

  /** A handle in range during a full pass; answers whether it was in view before. */
  inRange(handle: number): boolean {
    this.next.add(handle);
    return this.visible.has(handle);
  }

  /** Between passes: an entity new to the zone is in range; answers whether it was not in view yet. */
  arrived(handle: number): boolean {
    return this.visible.add(handle);
  }

  /** Ends a full pass: adds to `removed` the handles in view before and not now. */
  endPass(removed: number[]): void {
    const before = this.visible.entries();
    for (let i = 0, count = this.visible.size; i < count; i++) {
      const handle = before[i]!;
      if (!this.next.has(handle)) removed.push(handle);
    }
    const previous = this.visible;
    this.visible = this.next;
    this.next = previous;
  }

  /** Between passes: drops handles whose entity is gone (`present(handle)` false), adding them to `removed`. */
  dropGone(present: (handle: number) => boolean, removed: number[]): void {
    const held = this.visible.entries();
    const count = this.visible.size;
    let gone = false;
    for (let i = 0; i < count; i++) {
      if (!present(held[i]!)) {
        gone = true;
        break;
      }
    }
    if (!gone) return;
    this.next.clear();
    for (let i = 0; i < count; i++) {
      const handle = held[i]!;
      if (present(handle)) this.next.add(handle);
      else removed.push(handle);
    }
    const previous = this.visible;
    this.visible = this.next;
    this.next = previous;
  }
}
