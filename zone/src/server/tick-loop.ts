/**
 * Calls `tick` at a fixed rate without drift: each tick is scheduled from the
 * loop's start time, not from when the previous one finished. If the process
 * falls far behind (a long GC pause, a stopped debugger) it skips ahead
 * instead of running a burst of catch-up ticks.
 */
export class TickLoop {
  private timer: NodeJS.Timeout | undefined;
  private next = 0;
  private running = false;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: (dtSeconds: number) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly maxCatchUpTicks = 5,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.next = this.now() + this.intervalMs;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => this.run(), Math.max(0, this.next - this.now()));
  }

  private run(): void {
    if (!this.running) return;
    const lateBy = this.now() - this.next;
    if (lateBy > this.intervalMs * this.maxCatchUpTicks) this.next = this.now();
    this.tick(this.intervalMs / 1000);
    this.next += this.intervalMs;
    this.schedule();
  }
}
