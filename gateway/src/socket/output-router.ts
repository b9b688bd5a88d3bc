import { Channels, SequenceTracker, type BusEnvelope, type MessageBus, type Subscription } from '@aether/shared';
import { FRAME_EVENT } from '@aether/shared/wire';
import type { Logger } from '@aether/shared/observability';
import type { Socket } from 'socket.io';
import type { OutboundGuard } from '../limits/outbound-guard.js';
import type { GatewayMetrics } from '../metrics.js';
import type { ConnectedPlayers } from './connected-players.js';
import type { SessionMetrics } from './session-metrics.js';

/**
 * Delivers the zones' per-tick batches for this gateway to the right
 * sockets (never more to a socket whose unsent output is over the limit:
 * OutboundGuard drops it), re-routes players after border crossings, and
 * closes a player's connection on `player.kick`.
 */
export class OutputRouter {
  private subscription: Subscription | undefined;
  private readonly sequences = new SequenceTracker();

  constructor(
    private readonly gatewayId: string,
    private readonly bus: MessageBus,
    private readonly players: ConnectedPlayers<Socket>,
    private readonly metrics: GatewayMetrics,
    private readonly logger: Logger,
    private readonly guard: Pick<OutboundGuard, 'admit'> = { admit: () => true },
    private readonly sessionMetrics?: SessionMetrics,
  ) {}

  /**
   * Pub/sub lost some of a zone server's messages: every client may hold a
   * stale view now, so ask each zone with players here for a full resync.
   */
  private onGap(source: string, missed: number): void {
    this.metrics.gaps.inc();
    this.logger.warn({ source, missed }, 'messages lost on the output channel; asking for a resync');
    for (const [zoneId, players] of this.players.byZone()) {
      const characterIds = players.map((player) => player.characterId);
      this.bus
        .publish(Channels.zoneInput(zoneId), 'player.resync', { characterIds })
        .catch((error) => this.logger.warn({ err: error, zoneId }, 'resync request failed'));
    }
  }

  async start(): Promise<void> {
    this.subscription = await this.bus.subscribe(Channels.gatewayOutput(this.gatewayId), (envelope, channel) => this.deliver(envelope, channel));
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private deliver(envelope: BusEnvelope, channel: string): void {
    const missed = this.sequences.observe(envelope.source, channel, envelope.seq);
    if (missed > 0) this.onGap(envelope.source, missed);
    if (envelope.type === 'player.route') {
      this.players.moveTo(envelope.payload.characterId, envelope.payload.zoneId);
      return;
    }
    if (envelope.type === 'player.kick') {
      this.kick(envelope.payload);
      return;
    }
    if (envelope.type !== 'client.batch') {
      this.logger.warn({ type: envelope.type }, 'unexpected message on the gateway output channel');
      return;
    }
    this.metrics.routeLatency.observe(Math.max(0, Date.now() - envelope.ts) / 1000);
    for (const message of envelope.payload.messages) {
      const socket = this.players.get(message.characterId);
      if (!socket || !this.guard.admit(socket)) continue;
      socket.emit(message.event, message.data);
      this.metrics.messages.inc({ direction: 'out', event: message.event });
    }
    const frames = envelope.payload.frames;
    if (!frames || frames.length === 0) return;
    let sent = 0;
    for (const { characterId, frame } of frames) {
      const socket = this.players.get(characterId);
      if (!socket || !this.guard.admit(socket)) continue;
      // The zone's bytes as they are: no decoding, no re-encoding (see frame-parser.ts).
      socket.emit(FRAME_EVENT, frame);
      sent += 1;
    }
    this.metrics.messages.inc({ direction: 'out', event: FRAME_EVENT }, sent);
  }

  /** An admin's kick or ban: the client hears why, then its connection closes (which takes the character out). */
  private kick({ characterId, code, message }: { characterId: string; code: 'kicked' | 'banned'; message: string }): void {
    const socket = this.players.get(characterId);
    if (!socket) return;
    this.sessionMetrics?.kicks.inc({ code });
    this.logger.info({ characterId, code }, "closing a kicked player's connection");
    socket.emit('error', { code, message });
    this.metrics.messages.inc({ direction: 'out', event: 'error' });
    socket.disconnect(true);
  }
}
