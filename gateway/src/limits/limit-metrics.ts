import { Counter, Gauge, type Registry } from 'prom-client';

/** Which limit refused a client message (the `kind` label). */
type LimitKind = 'socket_rate' | 'account_rate' | 'queue_full' | 'characters_per_account' | 'command_length';

/** The abuse limits' metrics (docs/metrics.md); every label is a small fixed set. */
export class LimitMetrics {
  readonly refusals: Counter<'kind'>;
  readonly unknownEvents: Counter<never>;
  readonly disconnects: Counter<'reason'>;
  readonly refusedConnections: Counter<'reason'>;
  readonly accountBuckets: Gauge<never>;

  constructor(registry: Registry, accountBuckets: () => number) {
    this.refusals = new Counter({
      name: 'aether_gateway_limit_refusals_total',
      help: 'Client messages refused by an abuse limit, by limit.',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.unknownEvents = new Counter({
      name: 'aether_gateway_unknown_events_total',
      help: 'Client messages naming an event the protocol does not have (counted against the rate limits).',
      registers: [registry],
    });
    this.disconnects = new Counter({
      name: 'aether_gateway_limit_disconnects_total',
      help: 'Connections the gateway closed for abuse: flood (kept pushing past the rate limit) or slow_reader (output piled up unread).',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.refusedConnections = new Counter({
      name: 'aether_gateway_refused_connections_total',
      help: 'Connections refused because their address already held too many (too_many_connections), or too many unfinished handshakes (too_many_handshakes).',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.accountBuckets = new Gauge({
      name: 'aether_gateway_account_buckets',
      help: 'Accounts whose rate-limit bucket this gateway keeps (active within the idle expiry).',
      registers: [registry],
      collect() {
        this.set(accountBuckets());
      },
    });
    for (const kind of ['socket_rate', 'account_rate', 'queue_full', 'characters_per_account', 'command_length'] satisfies LimitKind[])
      this.refusals.inc({ kind }, 0);
    for (const reason of ['flood', 'slow_reader']) this.disconnects.inc({ reason }, 0);
    for (const reason of ['too_many_connections', 'too_many_handshakes']) this.refusedConnections.inc({ reason }, 0);
  }
}
