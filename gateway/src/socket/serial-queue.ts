/**
 * Runs tasks one at a time, in the order they were queued: a socket's
 * messages are handled so, or a second `character_select` could interleave
 * with the first at any await and leave both characters in the world.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** Tasks queued or running. */
  get pending(): number {
    return this.queued;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.queued += 1;
    const result = this.tail.then(task);
    const settled = () => {
      this.queued -= 1;
    };
    this.tail = result.then(settled, settled);
    return result;
  }
}
