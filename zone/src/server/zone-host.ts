import { Channels, Keys, type BusEnvelope, type ClientMessage, type MessageBus, type Subscription } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import type { CommandRegistry } from '../commands/registry.js';
import type { Rules } from '../world/rules.js';
import type { Effect } from '../world/effects.js';
import type { System } from '../world/system.js';
import type { Outgoing, ZoneDef } from '../world/types.js';
import type { ZoneMetrics } from './metrics.js';
import type { CharacterStore, PositionSnapshot } from './ports.js';
import { EffectRouter, type EffectHandlers } from './effects/effect-router.js';
import { TickLoop } from './tick-loop.js';
import { characterIdOf, playerEntityId, ZoneRuntime } from './zone-runtime.js';

export interface ZoneHostOptions {
  serverId: string;
  zones: ZoneDef[];
  bus: MessageBus;
  characters: CharacterStore;
  rules: Rules;
  commands: CommandRegistry;
  /** Game systems for one zone (wildlife, combat, …), made once per zone. */
  systemsFor?: (zone: ZoneDef) => System[];
  random?: () => number;
  /** Handlers for the effects ticks produce, by kind. */
  effectHandlers?: EffectHandlers;
  tickRate: number;
  checkpointIntervalMs: number;
  metrics: ZoneMetrics;
  logger: Logger;
}

/**
 * Runs a set of zones in this process: takes their inputs from the bus,
 * ticks them all at TICK_RATE, sends each gateway one batch per tick and
 * checkpoints moved characters to the database.
 */
export class ZoneHost {
  private readonly runtimes = new Map<string, ZoneRuntime>();
  private readonly subscriptions: Subscription[] = [];
  private readonly loop: TickLoop;
  private readonly effects: EffectRouter;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private lastCheckpointAt = Date.now();
  private checkpointing: Promise<void> = Promise.resolve();
  /** Joins and leaves still talking to the database; stop() waits for them. */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: ZoneHostOptions) {
    for (const zone of options.zones) {
      const context = {
        rules: options.rules,
        commands: options.commands,
        systems: options.systemsFor?.(zone) ?? [],
        random: options.random ?? Math.random,
      };
      this.runtimes.set(zone.id, new ZoneRuntime(zone, context));
    }
    this.effects = new EffectRouter(options.effectHandlers ?? {}, options.logger);
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

  async start(): Promise<void> {
    for (const zoneId of this.runtimes.keys()) {
      this.subscriptions.push(await this.options.bus.subscribe(Channels.zoneInput(zoneId), (envelope) => this.onInput(zoneId, envelope)));
    }
    this.loop.start();
    this.checkpointTimer = setInterval(() => void this.checkpoint(), this.options.checkpointIntervalMs);
    this.options.logger.info({ zones: this.zoneIds, tickRate: this.options.tickRate }, 'zone host started');
  }

  async stop(): Promise<void> {
    this.loop.stop();
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    await Promise.allSettled(this.subscriptions.map((subscription) => subscription.unsubscribe()));
    this.subscriptions.length = 0;
    await Promise.allSettled([...this.pending]);
    await this.checkpointing;
    const everyone = [...this.runtimes.values()].flatMap((runtime) => runtime.snapshotAll());
    await this.save(everyone, 'shutdown');
    this.options.logger.info({ saved: everyone.length }, 'zone host stopped');
  }

  /** Writes every character that moved since the last checkpoint; failures are retried next time. */
  checkpoint(): Promise<void> {
    this.checkpointing = this.checkpointing.then(async () => {
      const batches = [...this.runtimes.values()].map((runtime) => ({ runtime, snapshots: runtime.takeDirty() }));
      let complete = true;
      for (const { runtime, snapshots } of batches) {
        if (await this.save(snapshots, 'checkpoint')) continue;
        runtime.markDirty(snapshots);
        complete = false;
      }
      // Nothing left unsaved counts as up to date, even when nobody moved.
      if (complete) this.lastCheckpointAt = Date.now();
    });
    return this.checkpointing;
  }

  private async save(snapshots: PositionSnapshot[], reason: string): Promise<boolean> {
    if (snapshots.length === 0) return true;
    try {
      await this.options.characters.savePositions(snapshots);
      return true;
    } catch (error) {
      this.options.metrics.checkpointFailures.inc();
      this.options.logger.error({ err: error, reason, characters: snapshots.length }, 'saving characters failed');
      return false;
    }
  }

  private onInput(zoneId: string, envelope: BusEnvelope): void {
    const runtime = this.runtimes.get(zoneId);
    if (!runtime) return;
    switch (envelope.type) {
      case 'player.join':
        this.track(this.join(runtime, envelope.payload.characterId, envelope.payload.gatewayId));
        break;
      case 'player.leave':
        this.track(this.leave(runtime, envelope.payload.characterId));
        break;
      case 'player.move':
        runtime.enqueue({ kind: 'move', entityId: playerEntityId(envelope.payload.characterId), move: envelope.payload.move });
        break;
      case 'player.command':
        runtime.enqueue({ kind: 'command', entityId: playerEntityId(envelope.payload.characterId), text: envelope.payload.text });
        break;
      default:
        this.options.metrics.inputsDropped.inc({ reason: 'unexpected_type' });
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async join(runtime: ZoneRuntime, characterId: string, gatewayId: string): Promise<void> {
    const log = this.options.logger.child({ zoneId: runtime.zone.id, characterId });
    try {
      // A second join for someone already here (a reconnect) replaces the old presence.
      if (runtime.has(playerEntityId(characterId))) runtime.leave(characterId);
      const character = await this.options.characters.load(characterId);
      if (!character) {
        await this.sendDirect(gatewayId, [{ characterId, event: 'error', data: { code: 'not_found', message: 'That character no longer exists.' } }]);
        return;
      }
      const bounds = runtime.zone.bounds;
      const inside = character.zoneId === runtime.zone.id && character.x >= bounds.minX && character.x <= bounds.maxX && character.y >= bounds.minY && character.y <= bounds.maxY;
      runtime.join(inside ? character : { ...character, zoneId: runtime.zone.id, x: runtime.zone.spawn.x, y: runtime.zone.spawn.y }, gatewayId);
      await this.options.bus.set(Keys.playerLocation(characterId), JSON.stringify({ zoneId: runtime.zone.id, serverId: this.options.serverId, gatewayId }));
      log.info({ gatewayId }, 'player joined zone');
    } catch (error) {
      log.error({ err: error }, 'join failed');
      await this.sendDirect(gatewayId, [{ characterId, event: 'error', data: { code: 'internal', message: 'Could not enter the world; try again.' } }]).catch(() => undefined);
    }
  }

  private async leave(runtime: ZoneRuntime, characterId: string): Promise<void> {
    const snapshot = runtime.leave(characterId);
    if (snapshot) await this.save([snapshot], 'leave');
    await this.options.bus.del(Keys.playerLocation(characterId)).catch(() => undefined);
    this.options.logger.info({ zoneId: runtime.zone.id, characterId }, 'player left zone');
  }

  private tickAll(dt: number): void {
    const perGateway = new Map<string, ClientMessage[]>();
    for (const runtime of this.runtimes.values()) {
      const started = performance.now();
      let outgoing: Outgoing[];
      let effects: Effect[];
      try {
        ({ outgoing, effects } = runtime.tick(dt));
      } catch (error) {
        // A bug in one zone's tick must not stop the others or the process.
        this.options.logger.error({ err: error, zoneId: runtime.zone.id }, 'zone tick failed');
        continue;
      }
      const seconds = (performance.now() - started) / 1000;
      const zone = runtime.zone.id;
      this.options.metrics.tickDuration.observe({ zone }, seconds);
      if (seconds > dt) this.options.metrics.tickOverruns.inc({ zone });
      this.options.metrics.players.set({ zone }, runtime.players);
      this.options.metrics.entities.set({ zone }, runtime.entityCount);
      this.carryOut(runtime, effects);
      for (const message of outgoing) {
        const gatewayId = runtime.gatewayOf(message.to);
        if (!gatewayId) continue;
        const batch = perGateway.get(gatewayId) ?? [];
        batch.push({ characterId: characterIdOf(message.to), event: message.event, data: message.data } as ClientMessage);
        perGateway.set(gatewayId, batch);
      }
    }
    this.options.metrics.checkpointLag.set((Date.now() - this.lastCheckpointAt) / 1000);
    for (const [gatewayId, messages] of perGateway) {
      this.sendDirect(gatewayId, messages).catch((error) =>
        this.options.logger.warn({ err: error, gatewayId }, 'publishing a client batch failed'),
      );
    }
  }

  /** Effects are the tick's requests for work beyond this zone (other zones, servers, the database). */
  private carryOut(runtime: ZoneRuntime, effects: Effect[]): void {
    if (effects.length === 0) return;
    for (const work of this.effects.carryOut({ zoneId: runtime.zone.id }, effects)) this.track(work);
  }

  private sendDirect(gatewayId: string, messages: ClientMessage[]): Promise<void> {
    return this.options.bus.publish(Channels.gatewayOutput(gatewayId), 'client.batch', { messages });
  }
}
