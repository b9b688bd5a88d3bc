import { describe, expect, it } from '@jest/globals';
import { parseExposition } from './prometheus-text.js';
import { histogramDelta, histogramQuantile, histogramSeries } from './tick-histogram.js';

const exposition = (counts: number[], zone = 'bench-field', count = counts[3]) =>
  parseExposition(
    [
      '# HELP aether_zone_tick_duration_seconds Time spent simulating one tick of one zone.',
      '# TYPE aether_zone_tick_duration_seconds histogram',
      ...['0.001', '0.01', '0.1', '+Inf'].map((le, i) => `aether_zone_tick_duration_seconds_bucket{le="${le}",zone="${zone}",serverId="x"} ${counts[i]}`),
      `aether_zone_tick_duration_seconds_sum{zone="${zone}",serverId="x"} 1`,
      `aether_zone_tick_duration_seconds_count{zone="${zone}",serverId="x"} ${count}`,
    ].join('\n'),
  );

describe('tick histogram', () => {
  it('interpolates quantiles inside buckets, as histogram_quantile does', () => {
    const series = histogramSeries(exposition([50, 90, 100, 100]), 'aether_zone_tick_duration_seconds', { zone: 'bench-field' });
    expect(histogramQuantile(series, 0.5).ms).toBeCloseTo(1);
    expect(histogramQuantile(series, 0.7).ms).toBeCloseTo(1 + 9 * (20 / 40));
    expect(histogramQuantile(series, 0.99).ms).toBeCloseTo(10 + 90 * (9 / 10));
  });

  it('says only "above the top bucket" when the quantile is in +Inf', () => {
    const series = histogramSeries(exposition([0, 0, 10, 100]), 'aether_zone_tick_duration_seconds', { zone: 'bench-field' });
    expect(histogramQuantile(series, 0.5)).toEqual({ ms: null, aboveMs: 100 });
  });

  it('measures a window as the difference of two scrapes', () => {
    const name = 'aether_zone_tick_duration_seconds';
    const before = histogramSeries(exposition([10, 10, 10, 10]), name, { zone: 'bench-field' });
    const after = histogramSeries(exposition([10, 30, 30, 30]), name, { zone: 'bench-field' });
    const window = histogramDelta(before, after);
    expect(window.count).toBe(20);
    expect(histogramQuantile(window, 0.5).ms).toBeCloseTo(5.5);
  });

  it('refuses a missing series or a histogram of another shape, naming what it found', () => {
    expect(() => histogramSeries(exposition([1, 2, 3, 3], 'zone-city'), 'aether_zone_tick_duration_seconds', { zone: 'bench-field' })).toThrow(
      /series present/,
    );
    expect(() =>
      histogramSeries(parseExposition('# TYPE aether_zone_tick_duration_seconds summary\n'), 'aether_zone_tick_duration_seconds', { zone: 'bench-field' }),
    ).toThrow(/summary, not a histogram/);
    expect(() => histogramSeries(exposition([1, 2, 3, 4], 'bench-field', 5), 'aether_zone_tick_duration_seconds', { zone: 'bench-field' })).toThrow(
      /differs from _count/,
    );
    expect(() => histogramSeries(parseExposition(''), 'aether_zone_tick_duration_seconds', { zone: 'bench-field' })).toThrow(
      /has no aether_zone_tick_duration_seconds/,
    );
  });
});
