import { FRAME_EVENT } from '@aether/shared/wire';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

/**
 * Socket.IO's own parser, except that a `frame` event goes out as the frame's
 * bytes alone: one WebSocket message, one socket write per player per tick,
 * where the default parser would send a placeholder text packet and then the
 * attachment. Clients decode it with the matching parser in
 * shared/src/wire/socket-io-parser.ts. What clients send is read by the
 * default decoder, unchanged.
 */
class FrameEncoder extends Encoder {
  override encode(packet: Packet): Array<string | Uint8Array> {
    const data = packet.data as unknown[] | undefined;
    if (
      (packet.type === PacketType.EVENT || packet.type === PacketType.BINARY_EVENT) &&
      packet.id === undefined &&
      packet.nsp === '/' &&
      Array.isArray(data) &&
      data.length === 2 &&
      data[0] === FRAME_EVENT &&
      data[1] instanceof Uint8Array
    ) {
      return [data[1]];
    }
    return super.encode(packet) as Array<string | Uint8Array>;
  }
}

export const frameParser = { Encoder: FrameEncoder, Decoder };
