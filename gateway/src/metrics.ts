import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Gateway metrics (docs/design.md §8); labels are bounded sets (event names, directions), never players. */
export class GatewayMetrics {
  readonly connections: Gauge<never>;
  readonly messages: Counter<'direction' | 'event'>;
  readonly rejected: Counter<'event' | 'code'>;
  readonly routeLatency: Histogram<never>;
  readonly gaps: Counter<never>;
  readonly rejoins: Counter<'reason'>;

  constructor(registry: Registry) {
    this.connections = new Gauge({ name: 'aether_gateway_connections', help: 'Open client connections.', registers: [registry] });
    this.messages = new Counter({
      name: 'aether_gateway_messages_total',
      help: 'Client messages by direction (in = from clients, out = to clients) and event name.',
      labelNames: ['direction', 'event'],
      registers: [registry],
    });
    this.rejected = new Counter({
      name: 'aether_gateway_rejected_messages_total',
      help: 'Client messages answered with an error instead of being acted on.',
      labelNames: ['event', 'code'],
      registers: [registry],
    });
    this.gaps = new Counter({
      name: 'aether_gateway_sequence_gaps_total',
      help: 'Times messages from a zone server went missing and a resync was requested.',
      registers: [registry],
    });
    this.rejoins = new Counter({
      name: 'aether_gateway_rejoins_total',
      help: 'Players re-sent to a zone because its owner changed (failover, handoff) or a session resumed.',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.routeLatency = new Histogram({
      name: 'aether_gateway_route_latency_seconds',
      help: 'Time from a zone publishing a batch to the gateway handing it to sockets.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [registry],
    });
  }
}
