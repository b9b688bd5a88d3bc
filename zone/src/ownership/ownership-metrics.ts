import { Counter, type Registry } from 'prom-client';

/** Lease upkeep of a zone server (docs/metrics.md). */
export class OwnershipMetrics {
  readonly slowRenewals: Counter<never>;

  constructor(registry: Registry) {
    this.slowRenewals = new Counter({
      name: 'aether_zone_lease_renewals_slow_total',
      help: 'Lease renewal rounds that took longer than the safety margin (half the time a lease has left when its renewal starts).',
      registers: [registry],
    });
  }
}
