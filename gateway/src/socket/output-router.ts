import { Channels, type BusEnvelope, type MessageBus, type Subscription } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';
import type { Socket } from 'socket.io';
import type { GatewayMetrics } from '../metrics.js';
import type { ConnectedPlayers } from './connected-players.js';

/** Delivers the zones' per-tick batches for this gateway to the right sockets. */
export class OutputRouter {
  private subscription: Subscription | undefined;

  constructor(
    private readonly gatewayId: string,
    private readonly bus: MessageBus,
    private readonly players: ConnectedPlayers<Socket>,
    private readonly metrics: GatewayMetrics,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.subscription = await this.bus.subscribe(Channels.gatewayOutput(this.gatewayId), (envelope) => this.deliver(envelope));
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private deliver(envelope: BusEnvelope): void {
    if (envelope.type !== 'client.batch') {
      this.logger.warn({ type: envelope.type }, 'unexpected message on the gateway output channel');
      return;
    }
    this.metrics.routeLatency.observe(Math.max(0, Date.now() - envelope.ts) / 1000);
    for (const message of envelope.payload.messages) {
      const socket = this.players.get(message.characterId);
      if (!socket) continue;
      socket.emit(message.event, message.data);
      this.metrics.messages.inc({ direction: 'out', event: message.event });
    }
  }
}
