import { createTestDatabase } from '@aether/testing';
import { startEmbedded, type EmbeddedServer } from '../src/embedded.js';
import { TestClient } from '../../gateway/test/client.js';

/**
 * A whole embedded server (gateway + every zone + a fresh migrated PostgreSQL
 * database) for one test file, and connected clients that are closed after
 * each test. Call at the top of a `describe`.
 */
export function useEmbeddedServer(): { readonly url: string; readonly opsUrl: string; connect(account: string): Promise<TestClient> } {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let server: EmbeddedServer | undefined;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    server = await startEmbedded({ port: 0, databaseUrl: database.url, logLevel: 'silent', ops: { port: 0, host: '127.0.0.1' } });
  }, 60_000);

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  return {
    get url() {
      if (!server) throw new Error('the embedded server has not started');
      return server.url;
    },
    /** The ops port (/metrics), as a deployment has it on METRICS_PORT. */
    get opsUrl() {
      if (!server?.opsPort) throw new Error('the embedded server has no ops port');
      return `http://127.0.0.1:${server.opsPort}`;
    },
    async connect(account: string) {
      const client = await new TestClient(this.url, account).connected();
      clients.push(client);
      return client;
    },
  };
}
