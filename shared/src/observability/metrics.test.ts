import { createMetricsRegistry } from './metrics.js';

// The runtime half of every process's /metrics, here without servers (and so
// also under Node 24); test/metrics/metrics.test.ts runs promtool on the
// whole /metrics of real processes.

describe('createMetricsRegistry', () => {
  it("serves prom-client's runtime metrics under their standard unprefixed names", async () => {
    const names = (await createMetricsRegistry().getMetricsAsJSON()).map((metric) => metric.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'process_start_time_seconds',
        'nodejs_eventloop_lag_p99_seconds',
        'nodejs_heap_size_used_bytes',
      ]),
    );
    expect(names.filter((name) => !/^(process|nodejs)_/.test(name))).toEqual([]);
  });

  it('keeps _total for counters: the three prom-client gauges named *_total are dropped, their per-type gauges stay', async () => {
    const metrics = await createMetricsRegistry().getMetricsAsJSON();
    expect(metrics.filter((metric) => metric.name.endsWith('_total') && String(metric.type) !== 'counter').map((metric) => metric.name)).toEqual([]);
    expect(metrics.map((metric) => metric.name)).toEqual(expect.arrayContaining(['nodejs_active_handles', 'nodejs_active_requests']));
  });

  it('adds no label of its own: Prometheus target labels (pod, instance) name the process', async () => {
    const text = await createMetricsRegistry().metrics();
    const labelNames = new Set([...text.matchAll(/[{,]([a-zA-Z_][a-zA-Z0-9_]*)="/g)].map((match) => match[1]));
    expect([...labelNames].filter((name) => !['le', 'kind', 'space', 'type', 'version', 'major', 'minor', 'patch'].includes(name!))).toEqual([]);
  });
});
