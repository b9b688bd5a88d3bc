/** Rolling window of tick durations, for the heartbeat's tickP99Ms. */
export class TickStats {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(private readonly size: number) {}

  record(milliseconds: number): void {
    if (this.samples.length < this.size) this.samples.push(milliseconds);
    else this.samples[this.next] = milliseconds;
    this.next = (this.next + 1) % this.size;
  }

  p99(): number {
    if (this.samples.length === 0) return 0;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]! * 1000) / 1000;
  }
}
