import { Channels, InMemoryBus, type ClientMessage, type InMemoryBroker } from '@aether/shared';
import { BatchReader } from '@aether/shared/wire';

/**
 * Plays the gateways on an in-process broker: reads the client batches the
 * zone sends to each of `gatewayIds` and hands every message to `collect`
 * with the gateway it went to. Publish on the returned bus to speak as a gateway.
 */
export async function fakeGateways(
  broker: InMemoryBroker,
  gatewayIds: readonly string[],
  collect: (message: ClientMessage, gatewayId: string) => void,
): Promise<InMemoryBus> {
  const gateway = new InMemoryBus({ source: 'gateways' }, broker);
  const reader = new BatchReader();
  for (const gatewayId of gatewayIds) {
    await gateway.subscribe(Channels.gatewayOutput(gatewayId), (envelope) => {
      if (envelope.type === 'client.batch') for (const message of reader.read(envelope.payload) as ClientMessage[]) collect(message, gatewayId);
    });
  }
  return gateway;
}
