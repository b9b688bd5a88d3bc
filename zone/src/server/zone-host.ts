import { Channels, type MessageBus, type Subscription } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import type { BorderEffect } from '../borders/border-interest.js';
import type { CommandRegistry } from '../commands/registry.js';
import type { Effect } from '../world/effects.js';
import type { Rules } from '../rules/rules.js';
import type { System } from '../world/system.js';
import type { Input, ZoneDef } from '../world/types.js';
import { Checkpointer } from './checkpointer.js';
import { CombatRelog } from './combat-relog.js';
import { FightCheckpoint } from './fight-checkpoint.js';
import { EffectRouter, type EffectHandlers, type EffectOrigin } from './effects/effect-router.js';
import { remoteCombatHandlers } from './effects/remote-combat-handlers.js';
import type { ZoneMetrics } from './metrics.js';
import { OutputBatcher } from './output-batcher.js';
import { PendingWork } from './pending-work.js';
import { PlayerLifecycle } from './player-lifecycle.js';
import type { ZoneSafetyMetrics } from './safety-metrics.js';
import type { CharacterStore, GameWrites } from './ports.js';
import { TickLoop } from './tick-loop.js';
import { TickStats } from './tick-stats.js';
import { characterIdOf, ZoneRuntime } from './zone-runtime.js';
import { ZoneInputs, type BroadcastHandlers } from './zone-inputs.js';

export type { BroadcastHandlers, ZoneView } from './zone-inputs.js';

export interface ZoneHostOptions {
  serverId: string;
  /** Zones simulated from the start (embedded mode); more can be added with addZone. */
  zones?: ZoneDef[];
  bus: MessageBus;
  characters: CharacterStore;
  rules: Rules;
  commands: CommandRegistry;
  /** Game systems for one zone (wildlife, combat, …), made once per zone. */
  systemsFor?: (zone: ZoneDef) => System[];
  random?: () => number;
  /** Handlers for the effects ticks produce, by kind (transfers, border reports and strikes across borders are built in). */
  effectHandlers?: EffectHandlers;
  broadcastHandlers?: BroadcastHandlers;
  tickRate: number;
  checkpointIntervalMs: number;
  metrics: ZoneMetrics;
  /** Stale leaves, reaped players, refused chat; not counted when absent. */
  safetyMetrics?: ZoneSafetyMetrics;
  /** Wall-clock ms for the step context (mutes, chat rate); Date.now when absent. */
  clock?: () => number;
  /** Seconds a leaving character's fight is kept for a relog (`COMBAT_RELOG_WINDOW_S`); 0 or absent: none. */
  combatRelogWindowS?: number;
  logger: Logger;
  /** Called when a write was fenced off: another process owns the zone now, and this one has dropped it. */
  onOwnershipLost?: (zoneId: string) => void;
  /**
   * The retrying, fenced write-through of progress and bags (docs/database.md,
   * "Fenced game writes"): flushed before characters leave, cross or are handed
   * off; a lost zone's changes are dropped; stop() writes what it can.
   */
  gameWrites?: Pick<GameWrites, 'flush' | 'dropZone' | 'stop'>;
}

/**
 * Runs a set of zones in this process: takes their inputs from the bus,
 * ticks them all at TICK_RATE and sends each gateway one batch per tick
 * (OutputBatcher). What comes over the bus is sorted in ZoneInputs; players
 * come, go and cross borders in PlayerLifecycle; the Checkpointer saves
 * them, fenced by the zone's epoch when it has one.
 */
export class ZoneHost {
  private readonly runtimes = new Map<string, ZoneRuntime>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly loop: TickLoop;
  private readonly effects: EffectRouter;
  private readonly stats = new TickStats(200);
  /** Joins, leaves and effects still talking to the database or the bus; stop() waits for them. */
  private readonly pending = new PendingWork();
  private readonly checkpointer: Checkpointer;
  private readonly players: PlayerLifecycle;
  /** The tick's output, reused every tick. */
  private readonly output: OutputBatcher;
  private readonly inputs: ZoneInputs;
  private announcements: Subscription | undefined;
  private readonly clock: () => number;
  private started = false;
  /** performance.now() when the tick loop last ran (liveness: a stuck event loop stops it). */
  private lastTickAt: number | undefined;

  constructor(private readonly options: ZoneHostOptions) {
    this.clock = options.clock ?? Date.now;
    for (const zone of options.zones ?? []) this.runtimes.set(zone.id, this.runtimeFor(zone));
    const combatRelog = new CombatRelog({ bus: options.bus, windowS: options.combatRelogWindowS ?? 0, clock: this.clock, logger: options.logger });
    this.checkpointer = new Checkpointer({
      characters: options.characters,
      metrics: options.metrics,
      logger: options.logger,
      intervalMs: options.checkpointIntervalMs,
      runtimes: () => [...this.runtimes.values()],
      fencedOff: (runtime) => this.fencedOff(runtime),
      ...(options.gameWrites ? { gameWrites: options.gameWrites } : {}),
      fights: new FightCheckpoint(combatRelog),
    });
    this.players = new PlayerLifecycle({
      serverId: options.serverId,
      bus: options.bus,
      characters: options.characters,
      checkpointer: this.checkpointer,
      pending: this.pending,
      runtime: (zoneId) => this.runtimes.get(zoneId),
      runtimes: () => this.runtimes.values(),
      metrics: options.metrics,
      ...(options.safetyMetrics ? { safetyMetrics: options.safetyMetrics } : {}),
      combatRelog,
      clock: this.clock,
      logger: options.logger,
    });
    this.output = new OutputBatcher(options.bus, options.logger);
    this.inputs = new ZoneInputs({
      bus: options.bus,
      players: this.players,
      runtime: (zoneId) => this.runtimes.get(zoneId),
      runtimes: () => this.runtimes.values(),
      ...(options.broadcastHandlers ? { broadcastHandlers: options.broadcastHandlers } : {}),
      metrics: options.metrics,
      logger: options.logger,
    });
    this.effects = new EffectRouter(
      {
        transfer: (effect, origin) => this.players.transferOut(effect, origin),
        border: (effect, origin) => this.reportBorder(effect, origin),
        'chat.refused': async (effect) => void this.options.safetyMetrics?.chatRefused.inc({ reason: effect.reason }),
        ...remoteCombatHandlers(options.bus),
        ...options.effectHandlers,
      },
      options.logger,
    );
    this.loop = new TickLoop(1000 / options.tickRate, (dt) => this.tickAll(dt));
  }

  get zoneIds(): string[] {
    return [...this.runtimes.keys()];
  }

  get playerCount(): number {
    let count = 0;
    for (const runtime of this.runtimes.values()) count += runtime.players;
    return count;
  }

  /** 99th percentile of recent tick durations across all zones, milliseconds. */
  get tickP99Ms(): number {
    return this.stats.p99();
  }

  /** Milliseconds since the tick loop last ran; undefined until it has started. */
  get msSinceTick(): number | undefined {
    return this.lastTickAt === undefined ? undefined : performance.now() - this.lastTickAt;
  }

  /** Gateways that have players in this host's zones. */
  get gatewayIds(): string[] {
    const ids = new Set<string>();
    for (const runtime of this.runtimes.values()) for (const id of runtime.gatewayIds()) ids.add(id);
    return [...ids];
  }

  async start(): Promise<void> {
    for (const zoneId of this.runtimes.keys()) await this.listen(zoneId);
    this.announcements = await this.options.bus.subscribe(Channels.announcements, (envelope) => this.inputs.announcement(envelope));
    this.loop.start();
    this.checkpointer.start();
    this.started = true;
    this.options.logger.info({ zones: this.zoneIds, tickRate: this.options.tickRate }, 'zone host started');
  }

  async stop(): Promise<void> {
    this.started = false;
    this.loop.stop();
    this.checkpointer.stop();
    await Promise.allSettled(
      [...this.subscriptions.values(), ...(this.announcements ? [this.announcements] : [])].map((subscription) => subscription.unsubscribe()),
    );
    this.subscriptions.clear();
    this.announcements = undefined;
    await this.pending.settled();
    await this.checkpointer.settled();
    // Game writes first, once for every zone (bounded), so the saves below need not wait for them zone by zone.
    await this.options.gameWrites?.stop();
    let saved = 0;
    for (const runtime of this.runtimes.values()) {
      // A standby takes the zone over; its players' fights go on there.
      await this.players.keepFights(runtime);
      const everyone = runtime.snapshotAll();
      if (await this.checkpointer.save(runtime, everyone, 'shutdown')) saved += everyone.length;
    }
    this.options.logger.info({ saved }, 'zone host stopped');
  }

  /** Starts simulating a zone this process now owns (at `epoch`, when ownership is fenced). */
  async addZone(zone: ZoneDef, epoch?: number): Promise<void> {
    if (this.runtimes.has(zone.id)) {
      this.runtimes.get(zone.id)!.epoch = epoch;
      return;
    }
    const runtime = this.runtimeFor(zone);
    runtime.epoch = epoch;
    this.runtimes.set(zone.id, runtime);
    // Listen before anyone is told the zone is here, so no join is missed.
    if (this.started) await this.listen(zone.id);
    this.options.logger.info({ zoneId: zone.id, epoch }, 'zone added');
  }

  /**
   * Stops simulating a zone. A handoff saves everyone first (the next owner
   * loads them); a lost zone saves nothing, because its writes would be fenced
   * off anyway and the new owner's state is the truth.
   */
  async removeZone(zoneId: string, mode: 'handoff' | 'lost'): Promise<void> {
    const runtime = this.runtimes.get(zoneId);
    if (!runtime) return;
    this.runtimes.delete(zoneId);
    await this.subscriptions
      .get(zoneId)
      ?.unsubscribe()
      .catch(() => undefined);
    this.subscriptions.delete(zoneId);
    if (mode === 'handoff') {
      await this.players.keepFights(runtime);
      await this.checkpointer.save(runtime, runtime.snapshotAll(), 'handoff');
    } else {
      // Lost: the new owner raised the epoch, so these could never commit; the new owner's state is the truth.
      this.options.gameWrites?.dropZone(zoneId, 'zone_lost');
    }
    this.options.metrics.players.remove({ zone: zoneId });
    this.options.metrics.entities.remove({ zone: zoneId });
    this.options.logger.info({ zoneId, mode, players: runtime.players }, 'zone removed');
  }

  /** Feeds an input into a zone's next tick from outside the bus (effect handlers use this). */
  enqueue(zoneId: string, input: Input): boolean {
    const runtime = this.runtimes.get(zoneId);
    if (!runtime) return false;
    runtime.enqueue(input);
    return true;
  }

  /** Writes every player's `player:location` again (PlayerLifecycle.republishLocations). */
  republishLocations(): Promise<void> {
    return this.players.republishLocations();
  }

  /** A gateway has gone: its players leave the world (PlayerLifecycle.dropGateway). */
  dropGateway(gatewayId: string): Promise<number> {
    return this.players.dropGateway(gatewayId);
  }

  /** Writes every character that moved since the last checkpoint; failures are retried next time. */
  checkpoint(): Promise<void> {
    return this.checkpointer.checkpoint();
  }

  private runtimeFor(zone: ZoneDef): ZoneRuntime {
    return new ZoneRuntime(zone, {
      rules: this.options.rules,
      commands: this.options.commands,
      systems: this.options.systemsFor?.(zone) ?? [],
      random: this.options.random ?? Math.random,
      now: this.clock,
    });
  }

  /**
   * A game write made in `zoneId` at `epoch` was fenced off (the ChangeOutbox
   * says so): drop the zone as a lost one, unless it is simulated here at
   * another epoch now (claimed again since: that ownership is current).
   */
  async zoneFencedOff(zoneId: string, epoch: number | undefined): Promise<void> {
    const runtime = this.runtimes.get(zoneId);
    if (runtime && runtime.epoch === epoch) await this.fencedOff(runtime);
  }

  /** A write for `runtime` was fenced off: drop the zone, if it is still the one simulated here. */
  private async fencedOff(runtime: ZoneRuntime): Promise<void> {
    const zoneId = runtime.zone.id;
    if (this.runtimes.get(zoneId) !== runtime) return;
    await this.removeZone(zoneId, 'lost');
    this.options.onOwnershipLost?.(zoneId);
  }

  private async listen(zoneId: string): Promise<void> {
    const input = await this.options.bus.subscribe(Channels.zoneInput(zoneId), (envelope) => this.inputs.input(zoneId, envelope));
    const broadcast = await this.options.bus.subscribe(Channels.zoneBroadcast(zoneId), (envelope) => this.inputs.broadcast(zoneId, envelope));
    this.subscriptions.set(zoneId, { unsubscribe: async () => void (await Promise.all([input.unsubscribe(), broadcast.unsubscribe()])) });
  }

  private async reportBorder(effect: BorderEffect, origin: EffectOrigin): Promise<void> {
    await this.options.bus.publish(Channels.zoneInput(effect.toZoneId), 'zone.border', { fromZoneId: origin.zoneId, entities: effect.entities });
  }

  private tickAll(dt: number): void {
    this.lastTickAt = performance.now();
    const output = this.output;
    for (const runtime of [...this.runtimes.values()]) {
      const started = performance.now();
      let effects: Effect[];
      try {
        ({ effects } = runtime.tick(dt, (entityId, frame) => {
          const gatewayId = runtime.gatewayOf(entityId);
          if (gatewayId) output.frame(gatewayId, characterIdOf(entityId), frame);
        }));
      } catch (error) {
        // A bug in one zone's tick must not stop the others or the process.
        this.options.logger.error({ err: error, zoneId: runtime.zone.id }, 'zone tick failed');
        continue;
      }
      const seconds = (performance.now() - started) / 1000;
      const zone = runtime.zone.id;
      this.stats.record(seconds * 1000);
      this.options.metrics.tickDuration.observe({ zone }, seconds);
      if (seconds > dt) this.options.metrics.tickOverruns.inc({ zone });
      this.options.metrics.players.set({ zone }, runtime.players);
      this.options.metrics.entities.set({ zone }, runtime.entityCount);
      if (effects.length > 0) for (const work of this.effects.carryOut({ zoneId: zone, epoch: runtime.epoch }, effects)) this.pending.track(work);
    }
    this.checkpointer.reportLag();
    output.flush('publishing a client batch failed');
  }
}
