import { Channels, type ClientBatch, type ClientFrame, type ClientMessage, type MessageBus } from '@aether/shared';
import type { Logger } from '@aether/shared/observability';

/**
 * Collects what is going to players, by gateway, and sends each gateway one
 * `client.batch` per flush (the tick flushes once: one batch per gateway per
 * tick), frames and messages together. A gateway nobody added anything for
 * gets nothing.
 *
 * Hot path: per flush it allocates what the tick always did (one map, an
 * array per gateway, an entry per frame); the messages map exists only when
 * a message was added. Maps start fresh at each flush rather than being
 * cleared: V8 handled a cleared-and-refilled map markedly slower.
 */
export class OutputBatcher {
  private frames = new Map<string, ClientFrame[]>();
  private messages: Map<string, ClientMessage[]> | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {}

  /** A player's binary state frame for this flush. */
  frame(gatewayId: string, characterId: string, frame: ClientFrame['frame']): void {
    const entry = { characterId, frame };
    const batch = this.frames.get(gatewayId);
    if (batch) batch.push(entry);
    else this.frames.set(gatewayId, [entry]);
  }

  /** A message (event, error, …) for a player on `gatewayId`, for this flush. */
  message(gatewayId: string, message: ClientMessage): void {
    const messages = (this.messages ??= new Map());
    const batch = messages.get(gatewayId);
    if (batch) batch.push(message);
    else messages.set(gatewayId, [message]);
  }

  /**
   * Publishes one batch per gateway and starts empty again. Publishing does
   * not wait: a failure is logged as `failure` and the next flush goes on.
   */
  flush(failure: string): void {
    const { frames, messages } = this;
    if (frames.size > 0) this.frames = new Map();
    this.messages = undefined;
    // Frames make a binary envelope; a gateway with messages alone gets the plain text one.
    for (const [gatewayId, batch] of frames) this.publish(gatewayId, { messages: messages?.get(gatewayId) ?? [], frames: batch }, failure);
    if (messages) for (const [gatewayId, batch] of messages) if (!frames.has(gatewayId)) this.publish(gatewayId, { messages: batch }, failure);
  }

  private publish(gatewayId: string, batch: ClientBatch, failure: string): void {
    publishBatch(this.bus, gatewayId, batch).catch((error) => this.logger.warn({ err: error, gatewayId }, failure));
  }
}

/** Sends messages to players on one gateway at once, outside the tick's batch (errors at join, a neighbour's shout, …). */
export function sendMessages(bus: MessageBus, gatewayId: string, messages: ClientMessage[]): Promise<void> {
  return publishBatch(bus, gatewayId, { messages });
}

function publishBatch(bus: MessageBus, gatewayId: string, batch: ClientBatch): Promise<void> {
  return bus.publish(Channels.gatewayOutput(gatewayId), 'client.batch', batch);
}
