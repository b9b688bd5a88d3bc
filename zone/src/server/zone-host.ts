import { randomUUID } from 'node:crypto';
import { Channels, Keys, plainLine, type BusEnvelope, type ClientFrame, type ClientMessage, type MessageBus, type Subscription } from '@aether/shared';
import { StaleEpochError } from '@aether/shared/db';
import type { Logger } from '@aether/shared/observability';
import { ghostEntity, type BorderEffect } from '../borders/border-interest.js';
import type { CommandRegistry } from '../commands/registry.js';
import type { TransferEffect } from '../movement/transfer.js';
import type { Effect } from '../world/effects.js';
import type { Rules } from '../world/rules.js';
import type { System } from '../world/system.js';
import { gameEvent, type Input, type Outgoing, type ZoneDef } from '../world/types.js';
import type { BusMessageType, BusPayload } from '@aether/shared';
import { EffectRouter, type EffectHandlers, type EffectOrigin } from './effects/effect-router.js';
import type { ZoneMetrics } from './metrics.js';
import type { ZoneSafetyMetrics } from './safety-metrics.js';
import { utc } from '../chat/chat-allowance.js';
import { PERMANENT_BAN_UNTIL } from '../admin/ban.js';
import type { CharacterStore, PositionSnapshot } from './ports.js';
import { TickLoop } from './tick-loop.js';
import { TickStats } from './tick-stats.js';
import { characterIdOf, playerEntityId, ZoneRuntime } from './zone-runtime.js';

/** How long, and for how many characters, a host remembers where it handed players (for late leaves). */
const HANDOFF_MEMORY_MS = 60_000;
const HANDOFF_MEMORY_MAX = 10_000;

/** What a zone-wide message from elsewhere may see of a zone: its players and where they stand. */
export interface ZoneView {
  zone: ZoneDef;
  players: ReadonlyArray<{ entityId: string; x: number; y: number }>;
}
/** Handlers for `zone:{id}:broadcast` messages by type (a neighbour's shout, …): who gets what, delivered at once. */
export type BroadcastHandlers = { [T in BusMessageType]?: (payload: BusPayload<T>, zone: ZoneView) => Outgoing[] };

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
  /** Handlers for the effects ticks produce, by kind (transfers and border reports are built in). */
  effectHandlers?: EffectHandlers;
  broadcastHandlers?: BroadcastHandlers;
  tickRate: number;
  checkpointIntervalMs: number;
  metrics: ZoneMetrics;
  /** Stale leaves, reaped players, refused chat; not counted when absent. */
  safetyMetrics?: ZoneSafetyMetrics;
  /** Wall-clock ms for the step context (mutes, chat rate); Date.now when absent. */
  clock?: () => number;
  logger: Logger;
  /** Called when a write was fenced off: another process owns the zone now, and this one has dropped it. */
  onOwnershipLost?: (zoneId: string) => void;
}

/**
 * Runs a set of zones in this process: takes their inputs from the bus,
 * ticks them all at TICK_RATE, sends each gateway one batch per tick,
 * checkpoints moved characters (fenced by the zone's epoch when it has one)
 * and hands players to neighbouring zones when they cross a border.
 */
export class ZoneHost {
  private readonly runtimes = new Map<string, ZoneRuntime>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly loop: TickLoop;
  private readonly effects: EffectRouter;
  private readonly stats = new TickStats(200);
  private checkpointTimer: NodeJS.Timeout | undefined;
  private lastCheckpointAt = Date.now();
  private checkpointing: Promise<void> = Promise.resolve();
  /** Joins, leaves and effects still talking to the database or the bus; stop() waits for them. */
  private readonly pending = new Set<Promise<void>>();
  /** Per-character queue: a join waits for the same character's leave to finish saving, and so on. */
  private readonly characterWork = new Map<string, Promise<void>>();
  /**
   * Characters this host handed to another zone lately (border or teleport),
   * with their session: a leave that still comes here (the gateway had not
   * heard of the crossing yet) is passed on instead of lost.
   */
  private readonly handedOff = new Map<string, { toZoneId: string; sessionId: string; at: number }>();
  private announcements: Subscription | undefined;
  private readonly clock: () => number;
  private started = false;

  constructor(private readonly options: ZoneHostOptions) {
    this.clock = options.clock ?? Date.now;
    for (const zone of options.zones ?? []) this.runtimes.set(zone.id, this.runtimeFor(zone));
    this.effects = new EffectRouter(
      {
        transfer: (effect, origin) => this.transfer(effect, origin),
        border: (effect, origin) => this.reportBorder(effect, origin),
        'chat.refused': async (effect) => void this.options.safetyMetrics?.chatRefused.inc({ reason: effect.reason }),
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

  /** Gateways that have players in this host's zones. */
  get gatewayIds(): string[] {
    const ids = new Set<string>();
    for (const runtime of this.runtimes.values()) for (const id of runtime.gatewayIds()) ids.add(id);
    return [...ids];
  }

  async start(): Promise<void> {
    for (const zoneId of this.runtimes.keys()) await this.listen(zoneId);
    this.announcements = await this.options.bus.subscribe(Channels.announcements, (envelope) => this.onAnnouncement(envelope));
    this.loop.start();
    this.checkpointTimer = setInterval(() => void this.checkpoint(), this.options.checkpointIntervalMs);
    this.started = true;
    this.options.logger.info({ zones: this.zoneIds, tickRate: this.options.tickRate }, 'zone host started');
  }

  async stop(): Promise<void> {
    this.started = false;
    this.loop.stop();
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    await Promise.allSettled([...this.subscriptions.values(), ...(this.announcements ? [this.announcements] : [])].map((subscription) => subscription.unsubscribe()));
    this.subscriptions.clear();
    this.announcements = undefined;
    await Promise.allSettled([...this.pending]);
    await this.checkpointing;
    let saved = 0;
    for (const runtime of this.runtimes.values()) {
      const everyone = runtime.snapshotAll();
      if (await this.save(runtime, everyone, 'shutdown')) saved += everyone.length;
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
    await this.subscriptions.get(zoneId)?.unsubscribe().catch(() => undefined);
    this.subscriptions.delete(zoneId);
    if (mode === 'handoff') await this.save(runtime, runtime.snapshotAll(), 'handoff');
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

  /**
   * Writes every player's `player:location` again. Run with the heartbeat, so
   * a Redis that restarted empty soon knows where everyone is once more.
   */
  async republishLocations(): Promise<void> {
    for (const runtime of this.runtimes.values()) {
      for (const gatewayId of runtime.gatewayIds()) {
        for (const characterId of runtime.charactersOn(gatewayId)) await this.recordLocation(runtime, characterId, gatewayId);
      }
    }
  }

  /**
   * Players whose gateway has gone away leave the world (and are saved)
   * instead of lingering. Each waits its turn behind the character's other
   * work, and stays if it re-joined through another gateway meanwhile.
   */
  async dropGateway(gatewayId: string): Promise<number> {
    const drops: Array<Promise<boolean | undefined>> = [];
    for (const runtime of this.runtimes.values()) {
      for (const characterId of runtime.charactersOn(gatewayId)) {
        drops.push(
          this.inOrder(characterId, async () => {
            if (this.runtimes.get(runtime.zone.id) !== runtime || runtime.gatewayOf(playerEntityId(characterId)) !== gatewayId) return false;
            await this.leave(runtime, characterId);
            return true;
          }),
        );
      }
    }
    const dropped = (await Promise.all(drops)).filter(Boolean).length;
    if (dropped > 0) {
      this.options.safetyMetrics?.reapedPlayers.inc(dropped);
      this.options.logger.warn({ gatewayId, dropped }, 'gateway gone: its players left the world');
    }
    return dropped;
  }

  /** Writes every character that moved since the last checkpoint; failures are retried next time. */
  checkpoint(): Promise<void> {
    this.checkpointing = this.checkpointing.then(async () => {
      let complete = true;
      for (const runtime of [...this.runtimes.values()]) {
        const snapshots = runtime.takeDirty();
        if (await this.save(runtime, snapshots, 'checkpoint')) continue;
        runtime.markDirty(snapshots);
        complete = false;
      }
      // Nothing left unsaved counts as up to date, even when nobody moved.
      if (complete) this.lastCheckpointAt = Date.now();
    });
    return this.checkpointing;
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

  private async listen(zoneId: string): Promise<void> {
    const input = await this.options.bus.subscribe(Channels.zoneInput(zoneId), (envelope) => this.onInput(zoneId, envelope));
    const broadcast = await this.options.bus.subscribe(Channels.zoneBroadcast(zoneId), (envelope) => this.onBroadcast(zoneId, envelope));
    this.subscriptions.set(zoneId, { unsubscribe: async () => void (await Promise.all([input.unsubscribe(), broadcast.unsubscribe()])) });
  }

  private onBroadcast(zoneId: string, envelope: BusEnvelope): void {
    const runtime = this.runtimes.get(zoneId);
    const handler = this.options.broadcastHandlers?.[envelope.type] as ((payload: unknown, zone: ZoneView) => Outgoing[]) | undefined;
    if (!runtime || !handler) return void this.options.metrics.inputsDropped.inc({ reason: 'unexpected_type' });
    const players = runtime.snapshotAll().map((player) => ({ entityId: playerEntityId(player.id), x: player.x, y: player.y }));
    const perGateway = new Map<string, ClientMessage[]>();
    for (const message of handler(envelope.payload, { zone: runtime.zone, players })) {
      const gatewayId = runtime.gatewayOf(message.to);
      if (!gatewayId) continue;
      perGateway.set(gatewayId, [...(perGateway.get(gatewayId) ?? []), { characterId: characterIdOf(message.to), event: message.event, data: message.data } as ClientMessage]);
    }
    for (const [gatewayId, messages] of perGateway) {
      this.sendDirect(gatewayId, messages).catch((error) => this.options.logger.warn({ err: error, gatewayId }, 'publishing a broadcast failed'));
    }
  }

  private async save(runtime: ZoneRuntime, snapshots: PositionSnapshot[], reason: string): Promise<boolean> {
    if (snapshots.length === 0) return true;
    const zoneId = runtime.zone.id;
    try {
      await this.options.characters.savePositions(snapshots, runtime.epoch === undefined ? undefined : { zoneId, epoch: runtime.epoch });
      return true;
    } catch (error) {
      if (error instanceof StaleEpochError) {
        // Someone else owns the zone now: stop at once, write nothing more.
        this.options.logger.error({ zoneId, epoch: runtime.epoch, current: error.currentEpoch, reason }, 'fenced off: zone owned elsewhere');
        if (this.runtimes.get(zoneId) === runtime) {
          await this.removeZone(zoneId, 'lost');
          this.options.onOwnershipLost?.(zoneId);
        }
        return true;
      }
      this.options.metrics.checkpointFailures.inc();
      this.options.logger.error({ err: error, zoneId, reason, characters: snapshots.length }, 'saving characters failed');
      return false;
    }
  }

  private onInput(zoneId: string, envelope: BusEnvelope): void {
    const runtime = this.runtimes.get(zoneId);
    if (!runtime) return;
    switch (envelope.type) {
      case 'player.join': {
        const { characterId, gatewayId, sessionId } = envelope.payload;
        void this.inOrder(characterId, () => this.join(runtime, characterId, gatewayId, sessionId));
        break;
      }
      case 'player.leave': {
        const { characterId, sessionId } = envelope.payload;
        void this.inOrder(characterId, () => this.leaveSession(runtime, characterId, sessionId));
        break;
      }
      case 'player.teleport': {
        const teleport = envelope.payload;
        void this.inOrder(teleport.characterId, () => this.teleport(runtime, teleport));
        break;
      }
      case 'player.mute': {
        // Behind a join still loading the character (whose database read may predate the mute).
        const { characterId, mutedUntil } = envelope.payload;
        const entityId = playerEntityId(characterId);
        void this.inOrder(characterId, async () => {
          if (runtime.hasEntity(entityId)) runtime.enqueue({ kind: 'account', entityId, mutedUntil });
        });
        break;
      }
      case 'player.move':
        runtime.enqueue({ kind: 'move', entityId: playerEntityId(envelope.payload.characterId), move: envelope.payload.move });
        break;
      case 'player.command':
        runtime.enqueue({ kind: 'command', entityId: playerEntityId(envelope.payload.characterId), text: envelope.payload.text });
        break;
      case 'player.resync':
        for (const characterId of envelope.payload.characterIds) runtime.resync(characterId);
        break;
      case 'player.transfer': {
        const transfer = envelope.payload;
        void this.inOrder(transfer.characterId, () => this.acceptTransfer(runtime, transfer));
        break;
      }
      case 'zone.border':
        runtime.enqueue({ kind: 'ghosts', fromZoneId: envelope.payload.fromZoneId, entities: envelope.payload.entities.map(ghostEntity) });
        break;
      default:
        this.options.metrics.inputsDropped.inc({ reason: 'unexpected_type' });
    }
  }

  /**
   * Runs one character's work after its earlier work. Never rejects: a
   * failure is logged (and answers undefined), so no caller can leave an
   * unhandled rejection behind.
   */
  private inOrder<T>(characterId: string, work: () => Promise<T>): Promise<T | undefined> {
    const previous = this.characterWork.get(characterId) ?? Promise.resolve();
    const result = previous.then(work).catch((error: unknown) => {
      this.options.logger.error({ err: error, characterId }, 'handling a player message failed');
      return undefined;
    });
    const next = result.then(() => undefined);
    this.characterWork.set(characterId, next);
    this.track(
      next.finally(() => {
        if (this.characterWork.get(characterId) === next) this.characterWork.delete(characterId);
      }),
    );
    return result;
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async join(runtime: ZoneRuntime, characterId: string, gatewayId: string, sessionId: string): Promise<void> {
    const log = this.options.logger.child({ zoneId: runtime.zone.id, characterId });
    try {
      // Already here (a reconnect, a gateway change, a failover re-join racing a transfer):
      // keep the live state, which is newer than any checkpoint, and resend everything.
      // The new session replaces the old: from now on only its leave counts.
      if (runtime.hasEntity(playerEntityId(characterId))) {
        runtime.rebind(characterId, gatewayId, sessionId);
        await this.recordLocation(runtime, characterId, gatewayId);
        await this.refreshStanding(runtime, characterId);
        log.info({ gatewayId }, 'player re-bound to zone');
        return;
      }
      const character = await this.options.characters.load(characterId);
      if (!character) {
        await this.sendDirect(gatewayId, [{ characterId, event: 'error', data: { code: 'not_found', message: 'That character no longer exists.' } }]);
        return;
      }
      // The gateway refuses banned accounts at login; this catches a ban that raced the select.
      const bannedUntil = character.account?.bannedUntil;
      if (bannedUntil !== undefined && bannedUntil > this.clock()) {
        await this.kickBanned(characterId, gatewayId, bannedUntil);
        log.info({ gatewayId }, 'banned account kept out of the world');
        return;
      }
      const { zone } = runtime;
      const placed =
        character.zoneId === zone.id && character.x >= zone.bounds.minX && character.x <= zone.bounds.maxX && character.y >= zone.bounds.minY && character.y <= zone.bounds.maxY;
      runtime.join(placed ? character : { ...character, zoneId: zone.id, x: zone.spawn.x, y: zone.spawn.y }, gatewayId, sessionId);
      await this.recordLocation(runtime, characterId, gatewayId);
      log.info({ gatewayId }, 'player joined zone');
    } catch (error) {
      log.error({ err: error }, 'join failed');
      await this.sendDirect(gatewayId, [{ characterId, event: 'error', data: { code: 'internal', message: 'Could not enter the world; try again.' } }]).catch(() => undefined);
    }
  }

  /** A new session may come with a changed account (muted, made admin meanwhile): reload it. */
  private async refreshStanding(runtime: ZoneRuntime, characterId: string): Promise<void> {
    const standing = await this.options.characters.standing?.(characterId).catch((error: unknown) => {
      this.options.logger.warn({ err: error, characterId }, 'reloading the account standing failed; keeping the old one');
      return undefined;
    });
    if (!standing) return;
    if (standing.bannedUntil !== undefined && standing.bannedUntil > this.clock()) {
      const gatewayId = runtime.gatewayOf(playerEntityId(characterId));
      await this.leave(runtime, characterId);
      if (gatewayId) await this.kickBanned(characterId, gatewayId, standing.bannedUntil);
      return;
    }
    runtime.enqueue({ kind: 'account', entityId: playerEntityId(characterId), admin: standing.admin, mutedUntil: standing.mutedUntil ?? null });
  }

  private kickBanned(characterId: string, gatewayId: string, until: number): Promise<void> {
    const when = until >= PERMANENT_BAN_UNTIL ? 'for good' : `until ${utc(until)}`;
    return this.options.bus.publish(Channels.gatewayOutput(gatewayId), 'player.kick', { characterId, code: 'banned', message: `This account is banned ${when}.` });
  }

  /**
   * A gateway's leave: only the session the character is in now may take it
   * out. A late leave from a connection it has since left (here, or on
   * another gateway) names an older session and is ignored.
   */
  private async leaveSession(runtime: ZoneRuntime, characterId: string, sessionId: string): Promise<void> {
    const current = runtime.sessionOf(characterId);
    if (current === undefined) {
      // Not here: handed on lately? Then the leave belongs to the next zone.
      const handoff = this.handedOff.get(characterId);
      if (handoff && handoff.sessionId === sessionId) {
        this.handedOff.delete(characterId);
        await this.options.bus.publish(Channels.zoneInput(handoff.toZoneId), 'player.leave', { characterId, sessionId });
      }
      return;
    }
    if (current !== sessionId) {
      this.options.safetyMetrics?.staleLeaves.inc();
      this.options.logger.info({ zoneId: runtime.zone.id, characterId }, 'ignored a leave from an older session');
      return;
    }
    await this.leave(runtime, characterId);
  }

  private rememberHandoff(characterId: string, toZoneId: string, sessionId: string): void {
    const now = this.clock();
    // Bounded: entries older than a minute go whenever one is added.
    for (const [id, handoff] of this.handedOff) {
      if (now - handoff.at < HANDOFF_MEMORY_MS && this.handedOff.size < HANDOFF_MEMORY_MAX) break;
      this.handedOff.delete(id);
    }
    this.handedOff.delete(characterId);
    this.handedOff.set(characterId, { toZoneId, sessionId, at: now });
  }

  private async leave(runtime: ZoneRuntime, characterId: string): Promise<void> {
    if (!runtime.hasEntity(playerEntityId(characterId))) return; // already handed on, or never arrived
    const snapshot = runtime.leave(characterId);
    if (snapshot) await this.save(runtime, [snapshot], 'leave');
    await this.options.bus.del(Keys.playerLocation(characterId)).catch(() => undefined);
    this.options.logger.info({ zoneId: runtime.zone.id, characterId }, 'player left zone');
  }

  private recordLocation(runtime: ZoneRuntime, characterId: string, gatewayId: string): Promise<unknown> {
    const location = { zoneId: runtime.zone.id, serverId: this.options.serverId, gatewayId };
    return this.options.bus.set(Keys.playerLocation(characterId), JSON.stringify(location));
  }

  /**
   * Border crossing, leaving side: the tick already took the player out of
   * this zone. Save where it crossed (under this zone's fence, with the new
   * zone id) so the next zone — or its next owner, after a failover — finds
   * it there, then hand it over and re-route its gateway. The socket stays.
   */
  private async transfer(effect: TransferEffect, origin: EffectOrigin): Promise<void> {
    const runtime = this.runtimes.get(origin.zoneId);
    if (!runtime) return;
    const started = performance.now();
    const session = runtime.forget(effect.characterId);
    if (!session) return;
    const transferId = await this.handOver(runtime, session, effect);
    this.options.metrics.handoffDuration.observe({ kind: 'border' }, (performance.now() - started) / 1000);
    this.options.logger.info({ characterId: effect.characterId, from: origin.zoneId, to: effect.toZoneId, transferId }, 'player crossed a border');
  }

  /** Saves the character where it goes, hands it to the next zone with its session, and re-routes its gateway. */
  private async handOver(runtime: ZoneRuntime, { gatewayId, sessionId }: { gatewayId: string; sessionId: string }, effect: Omit<TransferEffect, 'kind'>): Promise<string> {
    const { x, y, z, heading } = effect.state;
    const saved = await this.save(runtime, [{ id: effect.characterId, zoneId: effect.toZoneId, x, y, z, heading, ...effect.resources }], 'transfer');
    if (!saved) this.options.logger.warn({ characterId: effect.characterId }, 'crossing not saved; handing over from live state');
    const transferId = randomUUID();
    this.rememberHandoff(effect.characterId, effect.toZoneId, sessionId);
    await this.options.bus.publish(Channels.zoneInput(effect.toZoneId), 'player.transfer', {
      transferId,
      characterId: effect.characterId,
      gatewayId,
      sessionId,
      fromZoneId: runtime.zone.id,
      state: effect.state,
    });
    await this.options.bus.publish(Channels.gatewayOutput(gatewayId), 'player.route', { characterId: effect.characterId, zoneId: effect.toZoneId });
    return transferId;
  }

  /**
   * An admin's /teleport, in the zone the character is in: within this zone
   * the next tick moves it; to another zone it leaves this one and is handed
   * over as at a border, arriving at the given point.
   */
  private async teleport(runtime: ZoneRuntime, teleport: { characterId: string; zoneId: string; x: number; y: number }): Promise<void> {
    const { characterId, zoneId, x, y } = teleport;
    const entityId = playerEntityId(characterId);
    if (!runtime.hasEntity(entityId)) return; // moved on meanwhile; the admin can try again
    if (zoneId === runtime.zone.id) {
      runtime.enqueue({ kind: 'teleport', entityId, x, y });
      return;
    }
    const gatewayId = runtime.gatewayOf(entityId);
    const sessionId = runtime.sessionOf(characterId);
    const snapshot = runtime.leave(characterId);
    if (!gatewayId || !sessionId || !snapshot) return;
    const { hp, stamina, mana } = snapshot;
    const transferId = await this.handOver(runtime, { gatewayId, sessionId }, {
      characterId,
      toZoneId: zoneId,
      state: { x, y, z: 0, heading: snapshot.heading, intent: { kind: 'idle' } },
      resources: { hp, stamina, mana },
    });
    this.options.logger.info({ characterId, from: runtime.zone.id, to: zoneId, transferId }, 'player teleported to another zone');
  }

  /** An admin's /announce: every player in every zone of this host hears it. */
  private onAnnouncement(envelope: BusEnvelope): void {
    if (envelope.type !== 'world.announce') return void this.options.metrics.inputsDropped.inc({ reason: 'unexpected_type' });
    const text = plainLine(envelope.payload.text);
    if (!text) return;
    const data = gameEvent('system', `[Announcement] ${plainLine(envelope.payload.from)}: ${text}`, { channel: 'announce' });
    const perGateway = new Map<string, ClientMessage[]>();
    for (const runtime of this.runtimes.values()) {
      for (const [gatewayId, characterIds] of runtime.playersByGateway()) {
        const batch = perGateway.get(gatewayId) ?? [];
        for (const characterId of characterIds) batch.push({ characterId, event: 'event', data });
        perGateway.set(gatewayId, batch);
      }
    }
    for (const [gatewayId, messages] of perGateway) {
      this.sendDirect(gatewayId, messages).catch((error) => this.options.logger.warn({ err: error, gatewayId }, 'publishing an announcement failed'));
    }
  }

  /** Border crossing, entering side: load the character and carry on walking where it crossed. */
  private async acceptTransfer(
    runtime: ZoneRuntime,
    transfer: { transferId: string; characterId: string; gatewayId: string; sessionId: string; state: TransferEffect['state'] },
  ): Promise<void> {
    const log = this.options.logger.child({ zoneId: runtime.zone.id, characterId: transfer.characterId, transferId: transfer.transferId });
    try {
      if (runtime.hasEntity(playerEntityId(transfer.characterId))) return;
      const character = await this.options.characters.load(transfer.characterId);
      if (!character) return;
      const { x, y, z, heading, intent } = transfer.state;
      runtime.join({ ...character, zoneId: runtime.zone.id, x, y, z, heading }, transfer.gatewayId, transfer.sessionId, intent);
      await this.recordLocation(runtime, transfer.characterId, transfer.gatewayId);
      log.info('player arrived from across the border');
    } catch (error) {
      log.error({ err: error }, 'accepting a transfer failed');
    }
  }

  private async reportBorder(effect: BorderEffect, origin: EffectOrigin): Promise<void> {
    await this.options.bus.publish(Channels.zoneInput(effect.toZoneId), 'zone.border', { fromZoneId: origin.zoneId, entities: effect.entities });
  }

  private tickAll(dt: number): void {
    const perGateway = new Map<string, ClientFrame[]>();
    for (const runtime of [...this.runtimes.values()]) {
      const started = performance.now();
      let effects: Effect[];
      try {
        ({ effects } = runtime.tick(dt, (entityId, frame) => {
          const gatewayId = runtime.gatewayOf(entityId);
          if (!gatewayId) return;
          const batch = perGateway.get(gatewayId);
          const entry = { characterId: characterIdOf(entityId), frame };
          if (batch) batch.push(entry);
          else perGateway.set(gatewayId, [entry]);
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
      if (effects.length > 0) for (const work of this.effects.carryOut({ zoneId: zone }, effects)) this.track(work);
    }
    this.options.metrics.checkpointLag.set((Date.now() - this.lastCheckpointAt) / 1000);
    for (const [gatewayId, frames] of perGateway) {
      this.options.bus.publish(Channels.gatewayOutput(gatewayId), 'client.batch', { messages: [], frames }).catch((error) =>
        this.options.logger.warn({ err: error, gatewayId }, 'publishing a client batch failed'),
      );
    }
  }

  private sendDirect(gatewayId: string, messages: ClientMessage[]): Promise<void> {
    return this.options.bus.publish(Channels.gatewayOutput(gatewayId), 'client.batch', { messages });
  }
}
