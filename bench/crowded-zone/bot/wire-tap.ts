import type { Socket } from 'socket.io-client';
import type { PacketCounter } from './packet-parser.js';

interface TcpSocket {
  readonly bytesRead: number;
}

/**
 * What arrives on one bot's connection, below the event API: bytes read on
 * the TCP socket (the HTTP upgrade and WebSocket framing included) and
 * Socket.IO events (counted by the bot's packet parser, which asks `decoding`
 * whether to pass them on). Bytes are read from socket.io-client 4.8's engine
 * (its `ws` transport's socket); if that is not where expected, reading them
 * throws instead of answering zero.
 */
export class WireTap implements PacketCounter {
  private events = 0;
  private decoding_ = true;
  private readonly tcpSockets: TcpSocket[] = [];
  private tcpError: Error | undefined;

  get decoding(): boolean {
    return this.decoding_;
  }

  get eventsReceived(): number {
    return this.events;
  }

  /** Bytes read from the server so far, over every TCP connection this client has had. */
  get bytesReceived(): number {
    if (this.tcpError) throw this.tcpError;
    let total = 0;
    for (const tcp of this.tcpSockets) total += tcp.bytesRead;
    return total;
  }

  countEvent(): void {
    this.events += 1;
  }

  /** From now on events are counted and dropped; connection-level packets (acks, disconnects) still go through. */
  stopDecoding(): void {
    this.decoding_ = false;
  }

  /** Call before connecting: remembers each TCP socket the engine opens. */
  watch(socket: Socket): void {
    socket.io.on('open', () => {
      const transport = socket.io.engine?.transport as unknown as { name?: string; ws?: { _socket?: TcpSocket } } | undefined;
      const tcp = transport?.ws?._socket;
      if (tcp && typeof tcp.bytesRead === 'number') {
        this.tcpSockets.push(tcp);
        return;
      }
      this.tcpError = new Error(
        `cannot count bytes: the engine's transport (${transport?.name ?? 'none'}) has no ws._socket; bots need transports: ['websocket'] and socket.io-client 4.8`,
      );
    });
  }
}
