import { InMemoryBroker, InMemoryBus } from '@aether/shared';
import { createDatabase, PrismaAccountRepository, PrismaCharacterRepository, PrismaRefreshTokenRepository, seedAll, type Database } from '@aether/shared/db';
import { createLogger, createMetricsRegistry } from '@aether/shared/observability';
import { createTestDatabase } from '@aether/testing';
import type { Registry } from 'prom-client';
import type { AuthOptions } from '../src/auth/auth-settings.js';
import { createAuth, type GatewayAuth } from '../src/auth/create-auth.js';
import { GatewayServer } from '../src/gateway-server.js';
import { DatabaseAccountStore, DatabaseCharacterDirectory } from '../src/persistence/database-directory.js';
import { TestClient } from './client.js';

interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
}

type ConnectResult = { ok: true; client: TestClient } | { ok: false; code: string | undefined; message: string };

export interface AuthGateway {
  readonly url: string;
  readonly registry: Registry;
  readonly db: Database;
  readonly auth: GatewayAuth;
  /** Everything the gateway logged (debug and up), as JSON lines. */
  logs(): string;
  /** POST a JSON body (or `raw` text) to the gateway. */
  post(path: string, body: unknown, init?: { headers?: Record<string, string>; raw?: string; method?: string }): Promise<HttpAnswer>;
  /** A socket handshake with this token (undefined: none). */
  connect(token: string | undefined): Promise<ConnectResult>;
  /** One metric sample's value, 0 when the series does not exist yet. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/**
 * A gateway with one auth mode on a fresh migrated and seeded PostgreSQL, with
 * no zones behind it (login, handshake and the lobby need none): the real
 * auth wiring (createAuth, the REST routes, the handshake) as the composition
 * roots build it, plus a logger whose output the test can read.
 */
export async function startAuthGateway(options: AuthOptions, extra: { now?: () => number; onLogout?: (accountId: string) => void } = {}): Promise<AuthGateway> {
  const database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
  const db = createDatabase(database.url, { poolSize: 4 });
  await seedAll(db);
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', base: { service: 'auth-test' }, destination: { write: (line: string) => void lines.push(line) } });
  const registry = createMetricsRegistry();
  const accounts = new PrismaAccountRepository(db.client);
  const auth = createAuth(options, {
    accounts,
    refreshTokens: new PrismaRefreshTokenRepository(db.client),
    registry,
    logger,
    ...(extra.now ? { now: extra.now } : {}),
    ...(extra.onLogout ? { onLogout: extra.onLogout } : {}),
  });
  const broker = new InMemoryBroker();
  const bus = new InMemoryBus({ source: 'gw-auth' }, broker);
  const server = new GatewayServer({
    gatewayId: 'gw-auth',
    port: 0,
    host: '127.0.0.1',
    authenticator: auth.authenticator,
    clientIp: auth.clientIp,
    bus,
    accounts: new DatabaseAccountStore(accounts),
    characters: new DatabaseCharacterDirectory(new PrismaCharacterRepository(db.client)),
    registry,
    logger,
    facts: { mode: 'distributed', tickRate: 20, zones: () => [], auth: { mode: auth.mode } },
    routes: [auth.routes],
  });
  await server.start();
  const url = `http://127.0.0.1:${server.port}`;
  const clients: TestClient[] = [];

  return {
    url,
    registry,
    db,
    auth,
    logs: () => lines.join(''),
    async post(path, body, init = {}) {
      const response = await fetch(`${url}${path}`, {
        method: init.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        ...(init.method === 'GET' ? {} : { body: init.raw ?? JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: the test sees the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async connect(token) {
      const client = new TestClient(url, 'unused', { token });
      clients.push(client);
      try {
        await client.connected();
        return { ok: true, client };
      } catch (error) {
        client.close();
        return { ok: false, code: (error as { data?: { code?: string } }).data?.code, message: (error as Error).message };
      }
    },
    async metric(name, labels = {}) {
      const metric = await registry.getSingleMetric(name)?.get();
      const sample = metric?.values.find((value) => Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted));
      return sample?.value ?? 0;
    },
    async close() {
      for (const client of clients.splice(0)) client.close();
      await server.stop();
      await bus.close();
      await db.close();
      await database.drop();
    },
  };
}
