import type { Quantile } from './tick-histogram.js';

/** A server's ticks over a measurement window. */
export interface TickReport {
  ticks: number;
  seconds: number;
  rateHz: number;
  p50: Quantile;
  p99: Quantile;
  /** Aether's come from its Prometheus histogram, the baseline's from every tick. */
  method: 'bucket-interpolated' | 'exact';
  /** For bucket-interpolated ones: the histogram's upper bounds, seconds. */
  buckets?: number[];
}

/** Started at the beginning of the measurement window; `finish` at its end. */
export interface TickProbe {
  finish(): Promise<TickReport>;
}
