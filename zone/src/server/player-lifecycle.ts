import { randomUUID } from 'node:crypto';
import { Channels, Keys, type BusPayload, type CombatSnapshot, type MessageBus } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import { PERMANENT_BAN_UNTIL } from '../admin/ban.js';
import { utc } from '../chat/chat-allowance.js';
import type { TransferEffect } from '../movement/transfer.js';
import type { Checkpointer } from './checkpointer.js';
import type { CombatRelog } from './combat-relog.js';
import type { EffectOrigin } from './effects/effect-router.js';
import type { ZoneMetrics } from './metrics.js';
import { sendMessages } from './output-batcher.js';
import type { PendingWork } from './pending-work.js';
import type { CharacterStore } from './ports.js';
import type { ZoneSafetyMetrics } from './safety-metrics.js';
import { playerEntityId, type ZoneRuntime } from './zone-runtime.js';

/** How long, and for how many characters, a host remembers where it handed players (for late leaves). */
const HANDOFF_MEMORY_MS = 60_000;
const HANDOFF_MEMORY_MAX = 10_000;

export interface PlayerLifecycleOptions {
  serverId: string;
  bus: MessageBus;
  characters: CharacterStore;
  checkpointer: Pick<Checkpointer, 'save'>;
  pending: PendingWork;
  /** The zone simulated here under that id, if any. */
  runtime: (zoneId: string) => ZoneRuntime | undefined;
  /** Every zone simulated here. */
  runtimes: () => Iterable<ZoneRuntime>;
  metrics: Pick<ZoneMetrics, 'handoffDuration'>;
  safetyMetrics?: Pick<ZoneSafetyMetrics, 'staleLeaves' | 'reapedPlayers'>;
  /** Keeps a leaving character's fight for a relog; without it every join starts the fight fresh. */
  combatRelog?: Pick<CombatRelog, 'keep' | 'take'>;
  clock: () => number;
  logger: Logger;
}

/**
 * Players coming and going: joins (and re-joins by a new session), leaves
 * (only the current session's count), border crossings and teleports out and
 * in, mutes, and reaping the players of a gateway that has gone. One
 * character's messages run one after another, so a join waits for the same
 * character's leave to finish saving, and so on.
 */
export class PlayerLifecycle {
  /** Per-character queue of work still running. */
  private readonly characterWork = new Map<string, Promise<void>>();
  /**
   * Characters this host handed to another zone lately (border or teleport),
   * with their session: a leave that still comes here (the gateway had not
   * heard of the crossing yet) is passed on instead of lost.
   */
  private readonly handedOff = new Map<string, { toZoneId: string; sessionId: string; at: number }>();

  constructor(private readonly options: PlayerLifecycleOptions) {}

  /** A gateway's `player.join`, behind the character's earlier work. */
  join(runtime: ZoneRuntime, { characterId, gatewayId, sessionId }: BusPayload<'player.join'>): void {
    void this.inOrder(characterId, () => this.enter(runtime, characterId, gatewayId, sessionId));
  }

  /** A gateway's `player.leave`, behind the character's earlier work. */
  leave(runtime: ZoneRuntime, { characterId, sessionId }: BusPayload<'player.leave'>): void {
    void this.inOrder(characterId, () => this.leaveSession(runtime, characterId, sessionId));
  }

  /** An admin's `player.teleport`, behind the character's earlier work. */
  teleport(runtime: ZoneRuntime, teleport: BusPayload<'player.teleport'>): void {
    void this.inOrder(teleport.characterId, () => this.moveTo(runtime, teleport));
  }

  /** A `player.mute`: behind a join still loading the character (whose database read may predate the mute). */
  mute(runtime: ZoneRuntime, { characterId, mutedUntil }: BusPayload<'player.mute'>): void {
    const entityId = playerEntityId(characterId);
    void this.inOrder(characterId, async () => {
      if (runtime.hasEntity(entityId)) runtime.enqueue({ kind: 'account', entityId, mutedUntil });
    });
  }

  /** A neighbour's `player.transfer`, behind the character's earlier work. */
  arrive(runtime: ZoneRuntime, transfer: BusPayload<'player.transfer'>): void {
    void this.inOrder(transfer.characterId, () => this.acceptTransfer(runtime, transfer));
  }

  /**
   * Writes every player's `player:location` again. Run with the heartbeat, so
   * a Redis that restarted empty soon knows where everyone is once more.
   */
  async republishLocations(): Promise<void> {
    for (const runtime of this.options.runtimes()) {
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
    for (const runtime of this.options.runtimes()) {
      for (const characterId of runtime.charactersOn(gatewayId)) {
        drops.push(
          this.inOrder(characterId, async () => {
            if (this.options.runtime(runtime.zone.id) !== runtime || runtime.gatewayOf(playerEntityId(characterId)) !== gatewayId) return false;
            await this.exit(runtime, characterId);
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

  /**
   * Border crossing, leaving side (the `transfer` effect): the tick already
   * took the player out of this zone. Save where it crossed (under this
   * zone's fence, with the new zone id) so the next zone — or its next owner,
   * after a failover — finds it there, then hand it over and re-route its
   * gateway. The socket stays.
   */
  async transferOut(effect: TransferEffect, origin: EffectOrigin): Promise<void> {
    const runtime = this.options.runtime(origin.zoneId);
    if (!runtime) return;
    const started = performance.now();
    const session = runtime.forget(effect.characterId);
    if (!session) return;
    const transferId = await this.handOver(runtime, session, effect);
    this.options.metrics.handoffDuration.observe({ kind: 'border' }, (performance.now() - started) / 1000);
    this.options.logger.info({ characterId: effect.characterId, from: origin.zoneId, to: effect.toZoneId, transferId }, 'player crossed a border');
  }

  /**
   * A zone handed to another server (a drain, a shutdown): everyone's fight
   * is kept as at a logout, so the next owner picks it up when they re-join
   * there within the relog window. One write per player, only at a handoff.
   */
  async keepFights(runtime: ZoneRuntime): Promise<void> {
    const relog = this.options.combatRelog;
    if (!relog) return;
    const kept = runtime.snapshotAll().map(({ id }) => {
      const combat = runtime.combatOf(id);
      return combat ? relog.keep(id, combat) : undefined;
    });
    await Promise.all(kept);
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
    this.options.pending.track(
      next.finally(() => {
        if (this.characterWork.get(characterId) === next) this.characterWork.delete(characterId);
      }),
    );
    return result;
  }

  private async enter(runtime: ZoneRuntime, characterId: string, gatewayId: string, sessionId: string): Promise<void> {
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
        await sendMessages(this.options.bus, gatewayId, [
          { characterId, event: 'error', data: { code: 'not_found', message: 'That character no longer exists.' } },
        ]);
        return;
      }
      // The gateway refuses banned accounts at login; this catches a ban that raced the select.
      const bannedUntil = character.account?.bannedUntil;
      if (bannedUntil !== undefined && bannedUntil > this.options.clock()) {
        await this.kickBanned(characterId, gatewayId, bannedUntil);
        log.info({ gatewayId }, 'banned account kept out of the world');
        return;
      }
      const { zone } = runtime;
      const placed =
        character.zoneId === zone.id &&
        character.x >= zone.bounds.minX &&
        character.x <= zone.bounds.maxX &&
        character.y >= zone.bounds.minY &&
        character.y <= zone.bounds.maxY;
      // Back within the relog window: the fight goes on where it was left (cooldowns, effects, gauge);
      // after the last owner was killed, from its last checkpoint (FightCheckpoint).
      const combat = await this.options.combatRelog?.take(characterId);
      runtime.join(placed ? character : { ...character, zoneId: zone.id, x: zone.spawn.x, y: zone.spawn.y }, gatewayId, sessionId, undefined, combat);
      await this.recordLocation(runtime, characterId, gatewayId);
      log.info({ gatewayId }, 'player joined zone');
    } catch (error) {
      log.error({ err: error }, 'join failed');
      await sendMessages(this.options.bus, gatewayId, [
        { characterId, event: 'error', data: { code: 'internal', message: 'Could not enter the world; try again.' } },
      ]).catch(() => undefined);
    }
  }

  /** A new session may come with a changed account (muted, made admin meanwhile): reload it. */
  private async refreshStanding(runtime: ZoneRuntime, characterId: string): Promise<void> {
    const standing = await this.options.characters.standing?.(characterId).catch((error: unknown) => {
      this.options.logger.warn({ err: error, characterId }, 'reloading the account standing failed; keeping the old one');
      return undefined;
    });
    if (!standing) return;
    if (standing.bannedUntil !== undefined && standing.bannedUntil > this.options.clock()) {
      const gatewayId = runtime.gatewayOf(playerEntityId(characterId));
      await this.exit(runtime, characterId);
      if (gatewayId) await this.kickBanned(characterId, gatewayId, standing.bannedUntil);
      return;
    }
    runtime.enqueue({ kind: 'account', entityId: playerEntityId(characterId), admin: standing.admin, mutedUntil: standing.mutedUntil ?? null });
  }

  private kickBanned(characterId: string, gatewayId: string, until: number): Promise<void> {
    const when = until >= PERMANENT_BAN_UNTIL ? 'for good' : `until ${utc(until)}`;
    return this.options.bus.publish(Channels.gatewayOutput(gatewayId), 'player.kick', {
      characterId,
      code: 'banned',
      message: `This account is banned ${when}.`,
    });
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
    await this.exit(runtime, characterId);
  }

  private rememberHandoff(characterId: string, toZoneId: string, sessionId: string): void {
    const now = this.options.clock();
    // Bounded: entries older than a minute go whenever one is added.
    for (const [id, handoff] of this.handedOff) {
      if (now - handoff.at < HANDOFF_MEMORY_MS && this.handedOff.size < HANDOFF_MEMORY_MAX) break;
      this.handedOff.delete(id);
    }
    this.handedOff.delete(characterId);
    this.handedOff.set(characterId, { toZoneId, sessionId, at: now });
  }

  private async exit(runtime: ZoneRuntime, characterId: string): Promise<void> {
    if (!runtime.hasEntity(playerEntityId(characterId))) return; // already handed on, or never arrived
    const combat = runtime.combatOf(characterId);
    const snapshot = runtime.leave(characterId);
    // Kept before the save, so a quick relog through another server finds it.
    if (combat) await this.options.combatRelog?.keep(characterId, combat);
    if (snapshot) await this.options.checkpointer.save(runtime, [snapshot], 'leave');
    await this.options.bus.del(Keys.playerLocation(characterId)).catch(() => undefined);
    this.options.logger.info({ zoneId: runtime.zone.id, characterId }, 'player left zone');
  }

  private recordLocation(runtime: ZoneRuntime, characterId: string, gatewayId: string): Promise<unknown> {
    const location = { zoneId: runtime.zone.id, serverId: this.options.serverId, gatewayId };
    return this.options.bus.set(Keys.playerLocation(characterId), JSON.stringify(location));
  }

  /** Saves the character where it goes, hands it to the next zone with its session, and re-routes its gateway. */
  private async handOver(
    runtime: ZoneRuntime,
    { gatewayId, sessionId }: { gatewayId: string; sessionId: string },
    effect: Omit<TransferEffect, 'kind'>,
  ): Promise<string> {
    const { x, y, z, heading } = effect.state;
    const saved = await this.options.checkpointer.save(
      runtime,
      [{ id: effect.characterId, zoneId: effect.toZoneId, x, y, z, heading, ...effect.resources }],
      'transfer',
    );
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
      ...(effect.combat ? { combat: effect.combat } : {}),
    });
    await this.options.bus.publish(Channels.gatewayOutput(gatewayId), 'player.route', { characterId: effect.characterId, zoneId: effect.toZoneId });
    return transferId;
  }

  /**
   * An admin's /teleport, in the zone the character is in: within this zone
   * the next tick moves it; to another zone it leaves this one and is handed
   * over as at a border, arriving at the given point.
   */
  private async moveTo(runtime: ZoneRuntime, teleport: { characterId: string; zoneId: string; x: number; y: number }): Promise<void> {
    const { characterId, zoneId, x, y } = teleport;
    const entityId = playerEntityId(characterId);
    if (!runtime.hasEntity(entityId)) return; // moved on meanwhile; the admin can try again
    if (zoneId === runtime.zone.id) {
      runtime.enqueue({ kind: 'teleport', entityId, x, y });
      return;
    }
    const gatewayId = runtime.gatewayOf(entityId);
    const sessionId = runtime.sessionOf(characterId);
    const combat = runtime.combatOf(characterId);
    const snapshot = runtime.leave(characterId);
    if (!gatewayId || !sessionId || !snapshot) return;
    const { hp, stamina, mana } = snapshot;
    const transferId = await this.handOver(
      runtime,
      { gatewayId, sessionId },
      {
        characterId,
        toZoneId: zoneId,
        state: { x, y, z: 0, heading: snapshot.heading, intent: { kind: 'idle' } },
        resources: { hp, stamina, mana },
        ...(combat ? { combat } : {}),
      },
    );
    this.options.logger.info({ characterId, from: runtime.zone.id, to: zoneId, transferId }, 'player teleported to another zone');
  }

  /** Border crossing, entering side: load the character and carry on walking where it crossed. */
  private async acceptTransfer(
    runtime: ZoneRuntime,
    transfer: {
      transferId: string;
      characterId: string;
      gatewayId: string;
      sessionId: string;
      state: TransferEffect['state'];
      combat?: CombatSnapshot | undefined;
    },
  ): Promise<void> {
    const log = this.options.logger.child({ zoneId: runtime.zone.id, characterId: transfer.characterId, transferId: transfer.transferId });
    try {
      if (runtime.hasEntity(playerEntityId(transfer.characterId))) return;
      const character = await this.options.characters.load(transfer.characterId);
      if (!character) return;
      const { x, y, z, heading, intent } = transfer.state;
      // The fight crosses too; a zone of an older version sends none, and the fight starts fresh.
      const combat = transfer.combat ? { snapshot: transfer.combat, elapsed: 0 } : undefined;
      runtime.join({ ...character, zoneId: runtime.zone.id, x, y, z, heading }, transfer.gatewayId, transfer.sessionId, intent, combat);
      await this.recordLocation(runtime, transfer.characterId, transfer.gatewayId);
      log.info('player arrived from across the border');
    } catch (error) {
      log.error({ err: error }, 'accepting a transfer failed');
    }
  }
}
