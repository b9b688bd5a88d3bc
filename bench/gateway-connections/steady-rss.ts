import { setTimeout as sleep } from 'node:timers/promises';
import { readRssBytes } from './proc-stats.js';

export interface SteadyRss {
  /** Median of the last window of samples, bytes. */
  bytes: number;
  /** False when RSS was still moving when time ran out; the number is then the last window's median. */
  steady: boolean;
  samples: number;
}

export interface SteadyRssOptions {
  intervalMs?: number;
  /** How many consecutive samples must agree. */
  window?: number;
  /** Agreement: spread within this fraction of the median, or within `floorBytes`, whichever is larger. */
  tolerance?: number;
  floorBytes?: number;
  maxMs?: number;
}

/**
 * RSS moves after a burst of work (the allocator and V8 give pages back
 * lazily, the server keeps ticking), so one reading can be off by megabytes.
 * Samples until a window of readings agree and reports their median.
 */
export async function steadyRss(pid: number, options: SteadyRssOptions = {}): Promise<SteadyRss> {
  const { intervalMs = 250, window = 6, tolerance = 0.01, floorBytes = 512 * 1024, maxMs = 15_000 } = options;
  const deadline = Date.now() + maxMs;
  const samples: number[] = [];
  for (;;) {
    samples.push(await readRssBytes(pid));
    const recent = samples.slice(-window);
    if (recent.length === window) {
      const middle = median(recent);
      const spread = Math.max(...recent) - Math.min(...recent);
      if (spread <= Math.max(middle * tolerance, floorBytes)) return { bytes: middle, steady: true, samples: samples.length };
      if (Date.now() >= deadline) return { bytes: middle, steady: false, samples: samples.length };
    }
    await sleep(intervalMs);
  }
}

function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
