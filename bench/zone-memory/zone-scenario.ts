import { setTimeout as sleep } from 'node:timers/promises';
import { Channels, InMemoryBroker, InMemoryBus, type BusEnvelope, type Subscription } from '@aether/shared';
import { createLogger, Registry } from '@aether/shared/observability';
import { DEFAULT_RULES, defaultCommands, ZoneHost, ZoneMetrics, type ZoneDef } from '@aether/zone';
import { characterId, GeneratedCharacters } from './generated-characters.js';

/** One stay in the world per bot, as a gateway would name it. */
const sessionId = (i: number): string => `bench-session-${i}`;

export interface ZoneScenarioOptions {
  /** Side of the square zone, metres. */
  zoneSize: number;
  tickRate: number;
  /** Players are spread over this many gateway ids, as behind a load balancer. */
  gateways: number;
}

export interface TickTotals {
  ticks: number;
  seconds: number;
  overruns: number;
}

/** What reached the gateways: counters only, nothing per player. */
export interface Delivered {
  batches: number;
  messages: number;
  frames: number;
  errors: number;
}

/**
 * One ZoneHost with one zone on the in-process bus, driven through its
 * public surface only (constructor, start/stop, bus messages), with a
 * stand-in for the gateways: it publishes what a gateway would and drops
 * what the zone sends back after counting it.
 */
export class ZoneScenario {
  readonly zone: ZoneDef;
  readonly host: ZoneHost;
  readonly characters: GeneratedCharacters;
  readonly delivered: Delivered = { batches: 0, messages: 0, frames: 0, errors: 0 };
  /** Bus trouble (undecodable messages, failing handlers), which would make the numbers meaningless. */
  readonly busProblems: string[] = [];
  /** The gateways' side of the bus, for publishing inputs. */
  readonly gatewayBus: InMemoryBus;
  /** The zone's metrics: the benchmark counts ticks from its tick-duration histogram. */
  readonly registry = new Registry();
  private readonly zoneBus: InMemoryBus;
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly options: ZoneScenarioOptions) {
    const size = options.zoneSize;
    this.zone = {
      id: 'zone-bench',
      name: 'Bench Field',
      bounds: { minX: 0, minY: 0, maxX: size, maxY: size },
      spawn: { x: size / 2, y: size / 2 },
      adjacent: [],
    };
    const broker = new InMemoryBroker();
    const onInvalid = (error: Error, channel: string) => void this.busProblems.push(`invalid message on ${channel}: ${error.message}`);
    const onHandlerError = (error: unknown, channel: string) => void this.busProblems.push(`handler failed on ${channel}: ${String(error)}`);
    // Default (checked) delivery: every message is encoded and decoded as over
    // Redis, which is what a zone server in distributed mode pays for.
    this.zoneBus = new InMemoryBus({ source: 'zone-memory/zone', onInvalid, onHandlerError }, broker);
    this.gatewayBus = new InMemoryBus({ source: 'zone-memory/gateways', onInvalid, onHandlerError }, broker);
    this.characters = new GeneratedCharacters({ zoneId: this.zone.id, bounds: this.zone.bounds });
    this.host = new ZoneHost({
      serverId: 'zone-memory-bench',
      zones: [this.zone],
      bus: this.zoneBus,
      characters: this.characters,
      rules: DEFAULT_RULES,
      commands: defaultCommands(),
      tickRate: options.tickRate,
      checkpointIntervalMs: 5000,
      metrics: new ZoneMetrics(this.registry),
      // Warnings and errors go to stderr, which the benchmark shows if the run fails.
      logger: createLogger({ level: 'warn', base: { service: 'zone-memory-bench' }, pretty: false }),
    });
  }

  gatewayOf(index: number): string {
    return `gateway-${index % this.options.gateways}`;
  }

  async start(): Promise<void> {
    for (let g = 0; g < this.options.gateways; g += 1) {
      this.subscriptions.push(await this.gatewayBus.subscribe(Channels.gatewayOutput(this.gatewayOf(g)), (envelope) => this.count(envelope)));
    }
    await this.host.start();
  }

  /** Players [from, from + count) enter, as their gateways would announce them. */
  async join(from: number, count: number): Promise<void> {
    for (let i = from; i < from + count; i += 1) {
      await this.gatewayBus.publish(Channels.zoneInput(this.zone.id), 'player.join', {
        characterId: characterId(i),
        gatewayId: this.gatewayOf(i),
        sessionId: sessionId(i),
      });
    }
  }

  async leave(from: number, count: number): Promise<void> {
    for (let i = from; i < from + count; i += 1) {
      await this.gatewayBus.publish(Channels.zoneInput(this.zone.id), 'player.leave', { characterId: characterId(i), sessionId: sessionId(i) });
    }
  }

  async untilPlayers(expected: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.host.playerCount !== expected) {
      if (Date.now() >= deadline) {
        throw new Error(
          `the zone holds ${this.host.playerCount} players after ${timeoutMs} ms, expected ${expected} (${this.delivered.errors} errors sent to gateways)`,
        );
      }
      await sleep(20);
    }
  }

  async stop(): Promise<void> {
    try {
      await this.host.stop();
    } finally {
      await Promise.allSettled(this.subscriptions.map((subscription) => subscription.unsubscribe()));
      await this.zoneBus.close();
      await this.gatewayBus.close();
    }
  }

  /**
   * The zone's own tick accounting, from its metrics: ticks run, seconds spent
   * in them, and ticks that overran the interval. Differences between two
   * readings describe the stretch between them.
   */
  async tickTotals(): Promise<TickTotals> {
    const metrics = await this.registry.getMetricsAsJSON();
    // Values carry the series name (…_count, …_sum for histograms) beside the labels.
    const series = (name: string, metricName: string) => {
      const metric = metrics.find((m) => m.name === name);
      const values = (metric?.values ?? []) as Array<{ metricName?: string; labels: Record<string, unknown>; value: number }>;
      return values.find((v) => (v.metricName ?? name) === metricName && v.labels.zone === this.zone.id)?.value;
    };
    const ticks = series('aether_zone_tick_duration_seconds', 'aether_zone_tick_duration_seconds_count');
    const seconds = series('aether_zone_tick_duration_seconds', 'aether_zone_tick_duration_seconds_sum');
    if (ticks === undefined || seconds === undefined)
      throw new Error('the zone reports no aether_zone_tick_duration_seconds: cannot tell whether ticks kept up');
    return { ticks, seconds, overruns: series('aether_zone_tick_overruns_total', 'aether_zone_tick_overruns_total') ?? 0 };
  }

  private count(envelope: BusEnvelope): void {
    if (envelope.type !== 'client.batch') return;
    this.delivered.batches += 1;
    const payload = envelope.payload as { messages?: Array<{ event?: string }>; frames?: unknown[] };
    this.delivered.messages += payload.messages?.length ?? 0;
    // Per-player frames arrive in the protocol being introduced; count them when present.
    this.delivered.frames += payload.frames?.length ?? 0;
    for (const message of payload.messages ?? []) if (message.event === 'error') this.delivered.errors += 1;
  }
}
