import type { Logger } from '@aether/shared/observability';
import type { Socket } from 'socket.io';
import type { LimitMetrics } from './limit-metrics.js';

/** The parts of an engine.io connection the guard reads (engine.io keeps them public but untyped). */
interface EngineConnection {
  writeBuffer?: Array<{ data?: unknown }>;
  transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } };
}

/**
 * Bytes queued for a connection and not yet handed to the kernel: engine.io's
 * write buffer (packets waiting while the transport is busy, or for a
 * long-polling client's next poll) plus the WebSocket's own send queue. Stops
 * counting once past `limit`.
 */
export function pendingBytes(connection: EngineConnection, limit = Number.POSITIVE_INFINITY): number {
  let total = connection.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of connection.writeBuffer ?? []) {
    if (total > limit) break;
    const data = packet.data;
    total += 8 + (typeof data === 'string' ? data.length : ArrayBuffer.isView(data) ? data.byteLength : data instanceof ArrayBuffer ? data.byteLength : 0);
  }
  return total;
}

/**
 * Drops a slow reader instead of buffering for it without end: a socket
 * whose unsent output passes `maxBytes` is closed at once (the WebSocket
 * terminated, not closed politely, which would wait for the very backlog
 * that is the problem). Its disconnect takes its character out of the world
 * as any disconnect does.
 */
export class OutboundGuard {
  private readonly dropped = new WeakSet<Socket>();

  constructor(
    private readonly maxBytes: number,
    private readonly metrics: LimitMetrics,
    private readonly logger: Logger,
  ) {}

  /** Whether more may be sent to `socket`; false once it has been dropped. */
  admit(socket: Socket): boolean {
    const connection = socket.conn as unknown as EngineConnection;
    // Hot path (every socket, every tick): while engine.io's own buffer is
    // empty the transport keeps up, and at most one write of a tick's output
    // is in flight; only a backlog there makes counting bytes worthwhile.
    // A dropped socket's connection is closed, so nothing is written anyway.
    if (!connection.writeBuffer?.length) return true;
    if (this.dropped.has(socket)) return false;
    const pending = pendingBytes(connection, this.maxBytes);
    if (pending <= this.maxBytes) return true;
    this.dropped.add(socket);
    this.metrics.disconnects.inc({ reason: 'slow_reader' });
    this.logger.warn({ socketId: socket.id, pendingBytes: pending }, 'dropping a client that does not read its output');
    // Queued behind the backlog, so most likely never read; it is there for a client that catches up in time.
    socket.emit('error', { code: 'connection_too_slow', message: 'Your connection could not keep up with the game; reconnect.' });
    socket.disconnect(true);
    connection.transport?.socket?.terminate?.();
    return false;
  }
}
