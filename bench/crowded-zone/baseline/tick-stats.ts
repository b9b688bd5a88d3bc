import { quantileOfSorted } from '../../common/measure/percentiles.js';

export interface TickWindowStats {
  /** Ticks counted since the process started. */
  ticks: number;
  /** The first tick the window covers (ticks before it are not in the percentiles). */
  fromTick: number;
  /** Ticks in the window. */
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Every tick's duration in a ring (about 55 minutes at 20 Hz), so any recent window has exact percentiles. */
export class TickStats {
  private readonly durations: Float64Array;
  private total = 0;

  constructor(capacity = 1 << 16) {
    this.durations = new Float64Array(capacity);
  }

  get ticks(): number {
    return this.total;
  }

  record(ms: number): void {
    this.durations[this.total % this.durations.length] = ms;
    this.total += 1;
  }

  /** Ticks from `fromTick` on (clamped to what the ring still holds). */
  since(fromTick: number): TickWindowStats {
    const first = Math.max(fromTick, this.total - this.durations.length, 0);
    const window = new Float64Array(Math.max(0, this.total - first));
    for (let tick = first; tick < this.total; tick += 1) window[tick - first] = this.durations[tick % this.durations.length]!;
    window.sort();
    return {
      ticks: this.total,
      fromTick: first,
      count: window.length,
      p50Ms: quantileOfSorted(window, 0.5) ?? null,
      p99Ms: quantileOfSorted(window, 0.99) ?? null,
      maxMs: window.length > 0 ? window[window.length - 1]! : null,
    };
  }
}
