import { describe, expect, it, jest } from '@jest/globals';
import { formatReport } from './report.js';
import { runGatewayConnectionsBench } from './run-bench.js';

// A few seconds of the benchmark on 50 connections: both servers really start
// (pinned, probe preloaded), every connection is counted on both sides and the
// memory arithmetic gives numbers. Needs the build (children run compiled code)
// and the harness's PostgreSQL.
jest.setTimeout(90_000);

const CONNECTIONS = 50;

describe('gateway-connections benchmark', () => {
  it(`holds ${CONNECTIONS} idle authenticated connections on the bare and the Aether server and reads memory per connection`, async () => {
    const postgresUrl = process.env.TEST_DATABASE_URL;
    if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set: run under the integration project (its global setup starts PostgreSQL)');
    const result = await runGatewayConnectionsBench({
      connections: CONNECTIONS,
      warmupConnections: 10,
      ratePerSecond: 500,
      concurrency: 50,
      settleMs: 300,
      serverCore: 0,
      loadCore: 1,
      startTimeoutMs: 60_000,
      connectTimeoutMs: 10_000,
      postgresUrl,
    });

    for (const server of [result.baseline, result.aether]) {
      expect(server.stillConnected).toEqual({ byClients: CONNECTIONS, byServer: CONNECTIONS, lost: {} });
      expect(server.connections).toBe(CONNECTIONS);
      // A Node process with Socket.IO loaded is tens of MiB; a reading of a few KiB would be a parsing slip.
      expect(server.rss.before).toBeGreaterThan(20 * 2 ** 20);
      expect(server.heapUsed.before).toBeGreaterThan(2 * 2 ** 20);
      // After forced collections, 50 live sockets must show on the heap (socket.io alone keeps several KiB each).
      expect(server.heapUsed.after).toBeGreaterThan(server.heapUsed.before);
      expect(server.heapUsed.perConnection).toBeGreaterThan(1024);
      expect(server.heapUsed.perConnection).toBeLessThan(1024 * 1024);
      expect(Number.isFinite(server.rss.perConnection)).toBe(true);
      expect(Number.isFinite(server.rss.secondHalfPerConnection)).toBe(true);
      expect(Number.isFinite(server.heapUsed.secondHalfPerConnection)).toBe(true);
      expect(server.connect.elapsedMs).toBeGreaterThan(0);
      expect(server.connect.loadCpuShare).toBeGreaterThan(0);
    }
    expect(result.aether.rss.before).toBeGreaterThan(result.baseline.rss.before);
    expect(Number.isFinite(result.ratio.heapUsed)).toBe(true);
    expect(result.ratio.heapUsed).toBeGreaterThan(0);

    const table = formatReport(result);
    expect(table).toContain(`${CONNECTIONS} / ${CONNECTIONS}`);
    expect(table).toMatch(/Aether \/ bare, RSS per connection: +-?\d+\.\d\d×/);
  });
});
