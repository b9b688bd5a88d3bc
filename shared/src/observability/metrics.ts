import { collectDefaultMetrics, Registry } from 'prom-client';

export { Registry };

/**
 * prom-client's gauges named `…_total`: Prometheus keeps that suffix for
 * counters (promtool check metrics warns), and each is the sum of the
 * per-`type` gauge of the same name without it (`sum(nodejs_active_handles)`),
 * so they are dropped.
 */
const NON_COUNTER_TOTALS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/**
 * Each process gets its own registry (no prom-client global), so tests can
 * run several services in one process. Runtime metrics keep prom-client's
 * standard unprefixed names (`process_*`, `nodejs_*`) that Node.js dashboards
 * and alerts expect. No default labels: the scrape target's `pod` and
 * `instance` already say which process a series came from (docs/metrics.md).
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of NON_COUNTER_TOTALS) registry.removeSingleMetric(name);
  return registry;
}
