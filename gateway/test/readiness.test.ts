import { jest } from '@jest/globals';
import { createDatabase, type Database } from '@aether/shared/db';
import { createLogger, Readiness } from '@aether/shared/observability';
import { busCheck, createServiceBus, databaseCheck } from '@aether/shared/process';
import { startPostgresServer, startRedisServer, waitFor, type PostgresServer, type RedisServer } from '@aether/testing';
import { startBareGateway, type BareGateway } from './gateway-fixture.js';

jest.setTimeout(120_000);

/**
 * /ready checks what the gateway depends on, with the checks gateway-main
 * wires (busCheck, databaseCheck) against a Redis and a PostgreSQL of the
 * test's own, which it stops: each failure answers 503 naming the check.
 * /health (liveness) stays 200 throughout: a restart would not bring Redis back.
 */
describe('gateway readiness', () => {
  let redis: RedisServer;
  let postgres: PostgresServer;
  let database: Database;
  let services: ReturnType<typeof createServiceBus>;
  let gateway: BareGateway;

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
    const logger = createLogger({ level: 'silent' });
    services = createServiceBus('gw-ready', redis.url, logger);
    database = createDatabase(postgres.url, { poolSize: 2 });
    // Answers are not reused here, so each request sees the dependencies as they are now.
    const readiness = new Readiness([busCheck(services.bus, 'gw-ready'), databaseCheck(database)], { timeoutMs: 2_000, reuseMs: 0 });
    gateway = await startBareGateway({ ops: { port: 0, host: '127.0.0.1' }, facts: { ready: () => readiness.report() } });
  });

  afterAll(async () => {
    await gateway?.close();
    await services?.bus.close();
    await database?.close();
    await redis?.stop();
    await postgres?.stop();
  });

  const get = async (base: string, path: string) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, body: (await response.json()) as any };
  };

  it('is ready on both ports while Redis and PostgreSQL answer', async () => {
    for (const base of [gateway.url, gateway.opsUrl!]) {
      const ready = await get(base, '/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', type: 'gateway', checks: { bus: { ok: true }, database: { ok: true } } });
    }
  });

  it('answers 503 naming the bus while Redis is gone, and is ready again when it is back', async () => {
    const port = redis.port;
    await redis.stop();
    const down = await waitFor(
      async () => {
        const ready = await get(gateway.url, '/ready');
        return ready.status === 503 ? ready : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, message: '/ready to answer 503' },
    );
    expect(down.body).toMatchObject({ status: 'unready', checks: { bus: { ok: false }, database: { ok: true } } });
    // Why, only on the ops port: a driver's message may name internal addresses.
    expect(down.body.checks.bus.error).toBeUndefined();
    const ops = await get(gateway.opsUrl!, '/ready');
    expect(ops.status).toBe(503);
    expect(ops.body.checks.bus.error).toEqual(expect.any(String));
    expect((await get(gateway.url, '/health')).status).toBe(200);

    redis = await startRedisServer({ port });
    await waitFor(async () => (await get(gateway.url, '/ready')).status === 200, {
      timeoutMs: 30_000,
      intervalMs: 200,
      message: '/ready to answer 200 once Redis is back',
    });
  });

  it('answers 503 naming the database while PostgreSQL is gone', async () => {
    await postgres.stop();
    const down = await waitFor(
      async () => {
        const ready = await get(gateway.url, '/ready');
        return ready.status === 503 ? ready : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, message: '/ready to answer 503' },
    );
    expect(down.body).toMatchObject({ status: 'unready', checks: { bus: { ok: true }, database: { ok: false } } });
    expect((await get(gateway.opsUrl!, '/health')).status).toBe(200);
  });
});
