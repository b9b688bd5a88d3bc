import { parseExposition } from '../crowded-zone/measure/prometheus-text.js';
import { histogramDelta, histogramQuantile, histogramSeries, type HistogramSnapshot } from '../crowded-zone/measure/tick-histogram.js';
import { EXPECTED_TICK_BUCKETS, TICK_HISTOGRAM } from '../crowded-zone/servers/aether-server.js';
import type { TickProbe, TickReport } from '../crowded-zone/servers/server-under-test.js';
import { getText } from '../crowded-zone/servers/wait-until-up.js';
import { WORKLOAD } from '../crowded-zone/workload.js';

/**
 * The zone server's tick statistics over a window, from its /metrics (the
 * histogram crowded-zone reads from the embedded server, parsed by its code).
 * crowded-zone's probe lives inside startAether; this is the same few lines
 * for a /metrics on another port.
 */
export function zoneTicks(metricsUrl: string, notice?: (line: string) => void): { begin(): Promise<TickProbe> } {
  let bucketsChecked = false;
  const scrape = async (): Promise<{ at: number; histogram: HistogramSnapshot }> => {
    const text = await getText(`${metricsUrl}/metrics`);
    const at = performance.now();
    try {
      const histogram = histogramSeries(parseExposition(text), TICK_HISTOGRAM, { zone: WORKLOAD.zoneId });
      const finite = histogram.bounds.filter((bound) => bound !== Infinity);
      if (!bucketsChecked && finite.join() !== EXPECTED_TICK_BUCKETS.join()) notice?.(`${TICK_HISTOGRAM} has buckets ${finite.map((bound) => bound * 1000).join(', ')} ms`);
      bucketsChecked = true;
      return { at, histogram };
    } catch (error) {
      throw new Error(`cannot read the zone server's tick statistics from ${metricsUrl}/metrics (${TICK_HISTOGRAM}{zone="${WORKLOAD.zoneId}"})`, { cause: error });
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
