import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { createLogger } from '@aether/shared/observability';
import { Registry } from 'prom-client';
import type { Socket } from 'socket.io';
import { ConnectionLimiter } from './connection-limiter.js';
import { LimitMetrics } from './limit-metrics.js';

/** An engine.io connection as the limiter sees it: its request, `close` and the close event. */
class FakeConnection extends EventEmitter {
  closed = false;
  constructor(readonly request: IncomingMessage) {
    super();
  }
  close(): void {
    this.closed = true;
    this.emit('close');
  }
}

const request = (address: string) => ({ headers: {}, socket: { remoteAddress: address } }) as unknown as IncomingMessage;

describe('ConnectionLimiter', () => {
  const setup = (limit: number) => {
    const registry = new Registry();
    const metrics = new LimitMetrics(registry, () => 0);
    const limiter = new ConnectionLimiter(limit, 0, metrics, createLogger({ level: 'silent', base: {} }));
    const connect = (address: string) => {
      const connection = new FakeConnection(request(address));
      limiter.onEngineConnection(connection);
      let verdict: Error | undefined | 'pending' = 'pending';
      const socket = { conn: connection, request: connection.request } as unknown as Socket;
      limiter.middleware(socket, (error?: Error) => (verdict = error));
      return { connection, socket, verdict: () => verdict };
    };
    const allowed = (address: string) => {
      let answer: boolean | undefined;
      limiter.allowRequest(request(address), (_message, success) => (answer = success));
      return answer;
    };
    const refused = async (reason: string) =>
      (await registry.getSingleMetric('aether_gateway_refused_connections_total')!.get()).values.find((v) => v.labels.reason === reason)!.value;
    return { limiter, connect, allowed, refused };
  };

  it('admits `limit` connections per address, refuses the next with too_many_connections and closes it, and frees a place on close', async () => {
    jest.useFakeTimers();
    try {
      const { limiter, connect, refused } = setup(2);
      const first = connect('10.0.0.1');
      const second = connect('::ffff:10.0.0.1');
      expect([first.verdict(), second.verdict()]).toEqual([undefined, undefined]);
      const third = connect('10.0.0.1');
      expect((third.verdict() as Error & { data: unknown }).data).toEqual({ code: 'too_many_connections' });
      jest.advanceTimersByTime(20);
      expect(third.connection.closed).toBe(true);
      expect(connect('10.0.0.2').verdict()).toBeUndefined();
      expect(await refused('too_many_connections')).toBe(1);

      first.connection.close();
      expect(limiter.connections('10.0.0.1')).toBe(1);
      expect(connect('10.0.0.1').verdict()).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });

  it('counts a connection once however often it sends CONNECT', () => {
    const { limiter, connect } = setup(1);
    const one = connect('10.0.0.3');
    // The same engine connection through the middleware again (a second CONNECT packet).
    let again: Error | undefined | 'pending' = 'pending';
    limiter.middleware(one.socket, (error?: Error) => (again = error));
    expect(again).toBeUndefined();
    expect(limiter.connections('10.0.0.3')).toBe(1);
  });

  it('refuses new handshakes outright once the address holds twice the limit in engine connections', async () => {
    const { connect, allowed, refused } = setup(2);
    const open = [connect('10.0.0.4').connection, connect('10.0.0.4').connection, connect('10.0.0.4').connection];
    expect(allowed('10.0.0.4')).toBe(true);
    open.push(connect('10.0.0.4').connection);
    expect(allowed('10.0.0.4')).toBe(false);
    expect(allowed('10.0.0.5')).toBe(true);
    expect(await refused('too_many_handshakes')).toBe(1);
    for (const connection of open) connection.close();
    expect(allowed('10.0.0.4')).toBe(true);
  });
});
