import { jest } from '@jest/globals';
import { createDatabase, type Database } from '@aether/shared/db';
import { createLogger, createMetricsRegistry, startOpsServer, type OpsServer } from '@aether/shared/observability';
import { createServiceBus } from '@aether/shared/process';
import { startPostgresServer, startRedisServer, waitFor, type PostgresServer, type RedisServer } from '@aether/testing';
import { tickLiveness, zoneReadiness } from '../src/server/zone-health.js';

jest.setTimeout(120_000);

/**
 * A zone server's ops port as main.ts wires it: /health is liveness (the tick
 * loop runs), /ready adds the bus, the database and the owned zones loaded,
 * against a Redis and a PostgreSQL of the test's own, which it stops.
 */
describe('zone server health and readiness', () => {
  let redis: RedisServer;
  let postgres: PostgresServer;
  let database: Database;
  let services: ReturnType<typeof createServiceBus>;
  let ops: OpsServer;
  const host = { msSinceTick: undefined as number | undefined, zoneIds: [] as string[] };
  const ownership = { started: false, zones: [] as string[] };

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
    services = createServiceBus('zone-ready', redis.url, createLogger({ level: 'silent' }));
    database = createDatabase(postgres.url, { poolSize: 2 });
    const readiness = zoneReadiness({ serverId: 'zone-ready', bus: services.bus, database, host, ownership }, { timeoutMs: 2_000, reuseMs: 0 });
    ops = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      registry: createMetricsRegistry(),
      health: () => ({ ...tickLiveness(host), type: 'zone' }),
      ready: async () => ({ ...(await readiness.report()), type: 'zone' }),
    });
  });

  afterAll(async () => {
    await ops?.close();
    await services?.bus.close();
    await database?.close();
    await redis?.stop();
    await postgres?.stop();
  });

  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${ops.port}${path}`);
    return { status: response.status, body: (await response.json()) as any };
  };

  it('is live but not ready while starting: no tick yet, zones not claimed', async () => {
    expect((await get('/health')).status).toBe(200);
    const ready = await get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ bus: { ok: true }, database: { ok: true }, tick: { ok: false }, zones: { ok: false } });
  });

  it('is ready once it ticks and has loaded the zones it owns (none: a standby is ready too)', async () => {
    host.msSinceTick = 10;
    ownership.started = true;
    expect(await get('/ready')).toMatchObject({ status: 200, body: { status: 'ready' } });
    ownership.zones = ['zone-forest'];
    expect(await get('/ready')).toMatchObject({ status: 503, body: { checks: { zones: { ok: false, error: 'owned but not loaded: zone-forest' } } } });
    host.zoneIds = ['zone-forest'];
    expect((await get('/ready')).status).toBe(200);
  });

  it('fails liveness and readiness when the tick loop stalls', async () => {
    host.msSinceTick = 20_000;
    expect(await get('/health')).toMatchObject({ status: 503, body: { status: 'stalled', msSinceTick: 20_000 } });
    expect(await get('/ready')).toMatchObject({ status: 503, body: { checks: { tick: { ok: false } } } });
    host.msSinceTick = 10;
    expect((await get('/health')).status).toBe(200);
  });

  it('answers 503 naming the bus while Redis is gone', async () => {
    await redis.stop();
    const down = await waitFor(
      async () => {
        const ready = await get('/ready');
        return ready.status === 503 ? ready : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, message: '/ready to answer 503' },
    );
    expect(down.body.checks).toMatchObject({ bus: { ok: false }, database: { ok: true }, tick: { ok: true }, zones: { ok: true } });
  });

  it('answers 503 naming the database while PostgreSQL is gone', async () => {
    await postgres.stop();
    const down = await waitFor(
      async () => {
        const ready = await get('/ready');
        return ready.body.checks?.database?.ok === false ? ready : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, message: '/ready to name the database' },
    );
    expect(down.status).toBe(503);
    expect((await get('/health')).status).toBe(200);
  });
});
