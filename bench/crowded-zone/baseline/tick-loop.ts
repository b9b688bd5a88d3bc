/**
 * Calls `tick` at a fixed rate without drift: each tick is due one interval
 * after the previous one was due, not after it finished. Far behind (a long
 * pause), it starts counting afresh instead of running a burst of catch-up ticks.
 */
export class TickLoop {
  private timer: NodeJS.Timeout | undefined;
  private due = 0;
  private running = false;

  constructor(
    private readonly intervalMs: number,
    private readonly tick: (dtSeconds: number) => void,
    private readonly maxCatchUpTicks = 5,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.due = performance.now() + this.intervalMs;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.running) this.timer = setTimeout(() => this.run(), Math.max(0, this.due - performance.now()));
  }

  private run(): void {
    if (!this.running) return;
    if (performance.now() - this.due > this.intervalMs * this.maxCatchUpTicks) this.due = performance.now();
    this.tick(this.intervalMs / 1000);
    this.due += this.intervalMs;
    this.schedule();
  }
}
