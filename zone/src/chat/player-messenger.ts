import { Channels, Registry, type ClientMessage, type MessageBus, type PlayerLocation } from '@aether/shared';

/**
 * Reaches a character wherever they play: `player:location:{id}` names their
 * gateway, and the message goes out as a `client.batch` on that gateway's
 * output channel. For messages that do not come from the character's own
 * zone tick (whispers, party news, allies' vitals).
 */
export class PlayerMessenger {
  private readonly registry: Registry;

  constructor(
    private readonly bus: MessageBus,
    onMalformed?: (key: string, error: unknown) => void,
  ) {
    this.registry = new Registry(bus, onMalformed);
  }

  locate(characterId: string): Promise<PlayerLocation | null> {
    return this.registry.getLocation(characterId);
  }

  /** Sends each message to its character, one batch per gateway. Answers the characters that are not online. */
  async deliver(messages: readonly ClientMessage[]): Promise<string[]> {
    const ids = [...new Set(messages.map((message) => message.characterId))];
    const locations = new Map(await Promise.all(ids.map(async (id) => [id, await this.locate(id)] as const)));
    const perGateway = new Map<string, ClientMessage[]>();
    for (const message of messages) {
      const location = locations.get(message.characterId);
      if (!location) continue;
      const batch = perGateway.get(location.gatewayId) ?? [];
      batch.push(message);
      perGateway.set(location.gatewayId, batch);
    }
    await Promise.all([...perGateway].map(([gatewayId, batch]) => this.bus.publish(Channels.gatewayOutput(gatewayId), 'client.batch', { messages: batch })));
    return ids.filter((id) => !locations.get(id));
  }
}
