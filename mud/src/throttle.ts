/**
 * Passes on the latest of a stream of values at most once per interval, and
 * always the last one (after the interval, if it came too soon); a value equal
 * to the one last passed on is dropped. The status prompt goes through this:
 * a fight changes it several times a second, and redrawing a terminal prompt
 * (or printing a status line to a script) that often helps nobody.
 */
export class LatestThrottle {
  private last: string | undefined;
  private pending: string | undefined;
  private shownAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly pass: (value: string) => void,
  ) {}

  offer(value: string): void {
    this.pending = value;
    if (this.timer) return;
    const wait = this.shownAt + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Forget what was passed on, so the next value goes through even if equal (a fresh world_enter). */
  reset(): void {
    this.last = undefined;
  }

  /** Drops a value waiting for its turn. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const value = this.pending;
    this.pending = undefined;
    if (value === undefined || value === this.last) return;
    this.last = value;
    this.shownAt = Date.now();
    this.pass(value);
  }
}
