import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Zone-server metrics (names in docs/design.md §8); labels are zone ids only, never players. */
export class ZoneMetrics {
  readonly tickDuration: Histogram<'zone'>;
  readonly tickOverruns: Counter<'zone'>;
  readonly players: Gauge<'zone'>;
  readonly entities: Gauge<'zone'>;
  readonly checkpointLag: Gauge<never>;
  readonly checkpointFailures: Counter<never>;
  readonly inputsDropped: Counter<'reason'>;
  readonly handoffDuration: Histogram<'kind'>;
  readonly outboxDepth: Gauge<never>;
  readonly outboxRetries: Counter<never>;
  readonly outboxDrops: Counter<'reason'>;

  constructor(registry: Registry) {
    this.tickDuration = new Histogram({
      name: 'aether_zone_tick_duration_seconds',
      help: 'Time spent simulating one tick of one zone.',
      labelNames: ['zone'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers: [registry],
    });
    this.tickOverruns = new Counter({
      name: 'aether_zone_tick_overruns_total',
      help: 'Ticks that took longer than the tick interval.',
      labelNames: ['zone'],
      registers: [registry],
    });
    this.players = new Gauge({ name: 'aether_zone_players', help: 'Players in the zone.', labelNames: ['zone'], registers: [registry] });
    this.entities = new Gauge({
      name: 'aether_zone_entities',
      help: 'Entities (players, NPCs, wildlife) in the zone.',
      labelNames: ['zone'],
      registers: [registry],
    });
    this.checkpointLag = new Gauge({
      name: 'aether_zone_checkpoint_lag_seconds',
      help: 'Seconds since positions were last written to the database successfully.',
      registers: [registry],
    });
    this.checkpointFailures = new Counter({
      name: 'aether_zone_checkpoint_failures_total',
      help: 'Checkpoint writes that failed (they are retried on the next interval).',
      registers: [registry],
    });
    this.handoffDuration = new Histogram({
      name: 'aether_zone_handoff_duration_seconds',
      help: 'Time to hand a player (kind=border) or a whole zone (kind=zone) to its next owner.',
      labelNames: ['kind'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.outboxDepth = new Gauge({
      name: 'aether_zone_outbox_depth',
      help: 'Game change sets (progress, abilities, bag slots) made but not yet written to the database.',
      registers: [registry],
    });
    this.outboxRetries = new Counter({
      name: 'aether_zone_outbox_retries_total',
      help: 'Game change set writes that failed on a transient database error and will be tried again.',
      registers: [registry],
    });
    this.outboxDrops = new Counter({
      name: 'aether_zone_outbox_drops_total',
      help: 'Game change sets dropped unwritten, by reason (stale_epoch, zone_lost, rejected, shutdown).',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.inputsDropped = new Counter({
      name: 'aether_zone_inputs_dropped_total',
      help: 'Inputs dropped before reaching the simulation.',
      labelNames: ['reason'],
      registers: [registry],
    });
  }
}
