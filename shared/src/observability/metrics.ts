import { collectDefaultMetrics, Registry } from 'prom-client';

export { Registry };

/** Each process gets its own registry (no prom-client global), so tests can run several services in one process. */
export function createMetricsRegistry(labels: Record<string, string>): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry, prefix: 'aether_process_' });
  return registry;
}
