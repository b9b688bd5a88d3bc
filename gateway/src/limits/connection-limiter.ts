import type { IncomingMessage } from 'node:http';
import type { Logger } from '@aether/shared/observability';
import type { Socket } from 'socket.io';
import { clientAddress } from './client-address.js';
import type { LimitMetrics } from './limit-metrics.js';

/** The engine.io connection events the limiter needs. */
interface EngineConnection {
  request: IncomingMessage;
  once(event: 'close', listener: () => void): unknown;
  close(): unknown;
}

type Next = (error?: Error) => void;

/**
 * Caps connections per client address, in two layers:
 * - a Socket.IO middleware that runs before authentication refuses a
 *   connection once its address holds `limit` admitted ones, with a
 *   `too_many_connections` connect_error the client can show, and closes it;
 * - engine.io's `allowRequest` refuses a new handshake outright (HTTP 403 /
 *   400, no engine connection made) once the address holds twice `limit`
 *   engine connections, counting those that never finish connecting; that
 *   bounds a flood that never gets as far as the middleware.
 */
export class ConnectionLimiter {
  private readonly engine = new Map<string, number>();
  private readonly admitted = new Map<string, number>();
  private readonly counted = new WeakSet<object>();

  constructor(
    private readonly limit: number,
    private readonly trustedHops: number,
    private readonly metrics: LimitMetrics,
    private readonly logger: Logger,
    /** The composition root's resolver (the same one login throttling uses), if any. */
    private readonly resolve?: (request: IncomingMessage) => string,
  ) {}

  addressOf(request: IncomingMessage): string {
    return this.resolve ? this.resolve(request) : clientAddress(request, this.trustedHops);
  }

  /** Admitted connections from `address` now. */
  connections(address: string): number {
    return this.admitted.get(address) ?? 0;
  }

  /** engine.io's `allowRequest` (new handshakes only). */
  readonly allowRequest = (request: IncomingMessage, callback: (message: string | null | undefined, success: boolean) => void): void => {
    const address = this.addressOf(request);
    if ((this.engine.get(address) ?? 0) >= this.limit * 2) {
      this.metrics.refusedConnections.inc({ reason: 'too_many_handshakes' });
      callback('too_many_connections: too many connections from your address', false);
      return;
    }
    callback(null, true);
  };

  /** For `io.engine.on('connection')`: counts every open engine connection by address. */
  readonly onEngineConnection = (connection: EngineConnection): void => {
    const address = this.addressOf(connection.request);
    change(this.engine, address, 1);
    connection.once('close', () => change(this.engine, address, -1));
  };

  /** Socket.IO middleware; registered before authentication so a flood costs no account lookups. */
  readonly middleware = (socket: Socket, next: Next): void => {
    const connection = socket.conn as unknown as EngineConnection;
    const address = this.addressOf(socket.request);
    // A client may send CONNECT again on the same engine connection: count the connection once.
    if (this.counted.has(connection)) {
      next();
      return;
    }
    if ((this.admitted.get(address) ?? 0) >= this.limit) {
      this.metrics.refusedConnections.inc({ reason: 'too_many_connections' });
      this.logger.debug({ address }, 'refused a connection: too many from its address');
      next(Object.assign(new Error(`Too many connections from your address (at most ${this.limit}).`), { data: { code: 'too_many_connections' } }));
      // The refusal goes out on the next tick; close after it rather than leave the connection to Socket.IO's connect timeout.
      setTimeout(() => connection.close(), 10);
      return;
    }
    this.counted.add(connection);
    change(this.admitted, address, 1);
    connection.once('close', () => change(this.admitted, address, -1));
    next();
  };
}

function change(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
