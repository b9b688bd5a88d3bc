import { plainLine, type BusEnvelope, type BusMessageType, type BusPayload, type ClientMessage, type MessageBus } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import { ghostEntity } from '../borders/border-interest.js';
import { gameEvent, type Outgoing, type ZoneDef } from '../world/types.js';
import type { ZoneMetrics } from './metrics.js';
import { OutputBatcher } from './output-batcher.js';
import type { PlayerLifecycle } from './player-lifecycle.js';
import { characterIdOf, playerEntityId, type ZoneRuntime } from './zone-runtime.js';

/** What a zone-wide message from elsewhere may see of a zone: its players and where they stand. */
export interface ZoneView {
  zone: ZoneDef;
  players: ReadonlyArray<{ entityId: string; x: number; y: number }>;
}
/** Handlers for `zone:{id}:broadcast` messages by type (a neighbour's shout, …): who gets what, delivered at once. */
export type BroadcastHandlers = { [T in BusMessageType]?: (payload: BusPayload<T>, zone: ZoneView) => Outgoing[] };

export interface ZoneInputsOptions {
  bus: MessageBus;
  players: Pick<PlayerLifecycle, 'join' | 'leave' | 'teleport' | 'mute' | 'arrive'>;
  /** The zone simulated here under that id, if any. */
  runtime: (zoneId: string) => ZoneRuntime | undefined;
  /** Every zone simulated here. */
  runtimes: () => Iterable<ZoneRuntime>;
  broadcastHandlers?: BroadcastHandlers;
  metrics: Pick<ZoneMetrics, 'inputsDropped'>;
  logger: Logger;
}

/**
 * What comes to a host's zones over the bus: `zone:{id}:input` (players'
 * moves and commands into the next tick; joins, leaves and crossings to
 * PlayerLifecycle), `zone:{id}:broadcast` and world announcements, which are
 * delivered to the players at once rather than with the tick.
 */
export class ZoneInputs {
  constructor(private readonly options: ZoneInputsOptions) {}

  input(zoneId: string, envelope: BusEnvelope): void {
    const runtime = this.options.runtime(zoneId);
    if (!runtime) return;
    switch (envelope.type) {
      case 'player.join':
        this.options.players.join(runtime, envelope.payload);
        break;
      case 'player.leave':
        this.options.players.leave(runtime, envelope.payload);
        break;
      case 'player.teleport':
        this.options.players.teleport(runtime, envelope.payload);
        break;
      case 'player.mute':
        this.options.players.mute(runtime, envelope.payload);
        break;
      case 'player.move':
        runtime.enqueue({ kind: 'move', entityId: playerEntityId(envelope.payload.characterId), move: envelope.payload.move });
        break;
      case 'player.command':
        runtime.enqueue({ kind: 'command', entityId: playerEntityId(envelope.payload.characterId), text: envelope.payload.text });
        break;
      case 'player.resync':
        for (const characterId of envelope.payload.characterIds) runtime.resync(characterId);
        break;
      case 'player.transfer':
        this.options.players.arrive(runtime, envelope.payload);
        break;
      case 'zone.border': {
        const { fromZoneId, entities } = envelope.payload;
        runtime.enqueue({ kind: 'ghosts', fromZoneId, entities: entities.map((entity) => ghostEntity(entity, fromZoneId)) });
        break;
      }
      case 'zone.strike':
        runtime.enqueue({ kind: 'strike', strike: envelope.payload });
        break;
      case 'zone.strike_result':
        runtime.enqueue({ kind: 'strike_result', result: envelope.payload });
        break;
      default:
        this.options.metrics.inputsDropped.inc({ reason: 'unexpected_type' });
    }
  }

  broadcast(zoneId: string, envelope: BusEnvelope): void {
    const runtime = this.options.runtime(zoneId);
    const handler = this.options.broadcastHandlers?.[envelope.type] as ((payload: unknown, zone: ZoneView) => Outgoing[]) | undefined;
    if (!runtime || !handler) return void this.options.metrics.inputsDropped.inc({ reason: 'unexpected_type' });
    const players = runtime.snapshotAll().map((player) => ({ entityId: playerEntityId(player.id), x: player.x, y: player.y }));
    const output = new OutputBatcher(this.options.bus, this.options.logger);
    for (const message of handler(envelope.payload, { zone: runtime.zone, players })) {
      const gatewayId = runtime.gatewayOf(message.to);
      if (!gatewayId) continue;
      output.message(gatewayId, { characterId: characterIdOf(message.to), event: message.event, data: message.data } as ClientMessage);
    }
    output.flush('publishing a broadcast failed');
  }

  /** An admin's /announce: every player in every zone of this host hears it. */
  announcement(envelope: BusEnvelope): void {
    if (envelope.type !== 'world.announce') return void this.options.metrics.inputsDropped.inc({ reason: 'unexpected_type' });
    const text = plainLine(envelope.payload.text);
    if (!text) return;
    const data = gameEvent(Date.now(), 'system', `[Announcement] ${plainLine(envelope.payload.from)}: ${text}`, { channel: 'announce' });
    const output = new OutputBatcher(this.options.bus, this.options.logger);
    for (const runtime of this.options.runtimes()) {
      for (const [gatewayId, characterIds] of runtime.playersByGateway()) {
        for (const characterId of characterIds) output.message(gatewayId, { characterId, event: 'event', data });
      }
    }
    output.flush('publishing an announcement failed');
  }
}
