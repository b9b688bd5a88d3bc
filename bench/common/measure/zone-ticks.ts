import { getText } from '../processes/wait-until-up.js';
import { parseExposition } from './prometheus-text.js';
import { histogramDelta, histogramQuantile, histogramSeries, type HistogramSnapshot } from './tick-histogram.js';
import type { TickProbe, TickReport } from './tick-report.js';

/** The tick histogram the benches read (docs/metrics.md); its buckets are expected to be these, in seconds. */
const TICK_HISTOGRAM = 'aether_zone_tick_duration_seconds';
const EXPECTED_TICK_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1];

export interface ZoneTicksOptions {
  /** The /metrics address; a function, so it can be found on first use. */
  metricsUrl: () => Promise<string>;
  zoneId: string;
  /** Who serves it, for error messages ("Aether", "the zone server"). */
  server: string;
  /** Told about things worth knowing that do not stop the run (e.g. refined histogram buckets). */
  notice?: (line: string) => void;
}

/**
 * One zone's tick statistics over a window, from the tick histogram on a
 * server's /metrics: scraped at both ends, the percentiles interpolated in
 * the buckets of the difference.
 */
export function zoneTicks(options: ZoneTicksOptions): { begin(): Promise<TickProbe> } {
  let bucketsChecked = false;
  const scrape = async (): Promise<{ at: number; histogram: HistogramSnapshot }> => {
    const url = await options.metricsUrl();
    const text = await getText(url);
    const at = performance.now();
    try {
      const histogram = histogramSeries(parseExposition(text), TICK_HISTOGRAM, { zone: options.zoneId });
      const finite = histogram.bounds.filter((bound) => bound !== Infinity);
      if (!bucketsChecked && finite.join() !== EXPECTED_TICK_BUCKETS.join()) {
        // Still a valid histogram: the percentiles are interpolated in whatever buckets it has.
        options.notice?.(
          `${TICK_HISTOGRAM} has buckets ${finite.map((bound) => bound * 1000).join(', ')} ms, not the documented ${EXPECTED_TICK_BUCKETS.map((bound) => bound * 1000).join(', ')}`,
        );
      }
      bucketsChecked = true;
      return { at, histogram };
    } catch (error) {
      throw new Error(
        `cannot read ${options.server}'s tick statistics from ${url}: the bench needs the histogram ${TICK_HISTOGRAM}{zone="${options.zoneId}"}`,
        { cause: error },
      );
    }
  };
  return {
    async begin(): Promise<TickProbe> {
      const start = await scrape();
      return {
        async finish(): Promise<TickReport> {
          const end = await scrape();
          const window = histogramDelta(start.histogram, end.histogram);
          const seconds = (end.at - start.at) / 1000;
          return {
            ticks: window.count,
            seconds,
            rateHz: window.count / seconds,
            p50: histogramQuantile(window, 0.5),
            p99: histogramQuantile(window, 0.99),
            method: 'bucket-interpolated',
            buckets: window.bounds.filter((bound) => bound !== Infinity),
          };
        },
      };
    },
  };
}
