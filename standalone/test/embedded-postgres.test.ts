import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/embedded-postgres.js';
import { freePort } from '@aether/testing';
import { query } from '../../shared/test/db/query.js';

const TIMEOUT = 120_000;

describe('startEmbeddedPostgres', () => {
  let dir: string;
  let running: EmbeddedPostgres | undefined;
  let blocker: Server | undefined;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aether-embedded-'));
    // As root the server runs as `postgres`, which has to reach the data directory.
    await chmod(dir, 0o755);
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'initialises on first start, creates the database, and keeps data across a stop and start',
    async () => {
      const dataDir = join(dir, 'postgres');
      running = await startEmbeddedPostgres({ dataDir, port: await freePort(), log });
      expect(running.url).toMatch(/^postgresql:\/\/.+@127\.0\.0\.1:\d+\/aether$/);
      await query(running.url, 'CREATE TABLE kept (value text)');
      await query(running.url, "INSERT INTO kept VALUES ('still here')");
      await running.stop();
      await running.stop(); // twice is harmless

      running = await startEmbeddedPostgres({ dataDir, port: await freePort(), log });

      expect(await query(running.url, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }]);
      expect(lines.some((line) => /ready to accept connections/.test(line))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'moves to a free port when the preferred one is taken',
    async () => {
      const taken = await freePort();
      blocker = createServer();
      await new Promise<void>((resolve) => blocker!.listen(taken, '127.0.0.1', () => resolve()));

      running = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: taken, log });

      expect(running.port).not.toBe(taken);
      expect(await query(running.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    },
    TIMEOUT,
  );
});
