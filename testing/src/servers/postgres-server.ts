import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, chown, copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrationList, withDatabase } from '@aether/shared/db';
import { freePort } from '@aether/shared/process';
import { outputTail } from './process-output.js';

export interface PostgresServer {
  /** Superuser URL of the `postgres` database; make test databases with createTestDatabase. */
  url: string;
  port: number;
  /** Fast shutdown, then the data directory is deleted. Safe to call twice. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;
const PORT_ATTEMPTS = 3;

/**
 * Starts a private, throw-away PostgreSQL from the system's binaries (Debian's
 * `postgresql` package): initdb into a temporary directory, trust auth on
 * loopback, durability off for speed. Tests must never lean on the server a
 * machine may run on 5432; a fresh CI machine has none.
 */
export interface StartPostgresServerOptions {
  /**
   * TCP connections must use TLS (pg_hba: hostssl only); the URL asks for a
   * verified certificate against `caFile` (sslmode=verify-full).
   */
  tls?: { certFile: string; keyFile: string; caFile: string };
}

export async function startPostgresServer(options: StartPostgresServerOptions = {}): Promise<PostgresServer> {
  const binDir = await findPostgresBinDir();
  const owner = await serverOwner();
  const dir = await mkdtemp(join(tmpdir(), 'aether-pg-'));
  try {
    if (owner) {
      // PostgreSQL refuses to run as root, so as root the server runs as an
      // unprivileged user, which must own its directory.
      await chmod(dir, 0o700);
      await chown(dir, owner.uid, owner.gid);
    }
    const dataDir = join(dir, 'data');
    await run(join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], owner);
    let lastError: unknown;
    for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt += 1) {
      try {
        return await launch(binDir, dataDir, dir, await freePort(), owner, options.tls && (await serveTls(dir, dataDir, options.tls, owner)));
      } catch (error) {
        lastError = error;
        if (!(error instanceof PortTakenError)) break;
      }
    }
    throw lastError;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error('could not start a test PostgreSQL', { cause: error });
  }
}

class PortTakenError extends Error {}

/** PostgreSQL wants its key private to its own user; pg_hba admits TCP clients only over TLS. */
async function serveTls(dir: string, dataDir: string, tls: NonNullable<StartPostgresServerOptions['tls']>, owner: Owner | null) {
  const certFile = join(dir, 'server.pem');
  const keyFile = join(dir, 'server.key');
  await copyFile(tls.certFile, certFile);
  await copyFile(tls.keyFile, keyFile);
  await chmod(keyFile, 0o600);
  if (owner) await Promise.all([certFile, keyFile].map((file) => chown(file, owner.uid, owner.gid)));
  const hba = join(dataDir, 'pg_hba.conf');
  await writeFile(hba, 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n');
  if (owner) await chown(hba, owner.uid, owner.gid);
  return { certFile, keyFile, caFile: tls.caFile };
}

interface Owner {
  uid: number;
  gid: number;
}

async function launch(
  binDir: string,
  dataDir: string,
  dir: string,
  port: number,
  owner: Owner | null,
  tls?: { certFile: string; keyFile: string; caFile: string },
): Promise<PostgresServer> {
  const child = spawn(
    join(binDir, 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      // Nothing here needs to survive a crash.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      // Every Jest worker opens pools to several databases.
      '-c',
      'max_connections=300',
      ...(tls ? ['-c', 'ssl=on', '-c', `ssl_cert_file=${tls.certFile}`, '-c', `ssl_key_file=${tls.keyFile}`] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) },
  );
  const output = outputTail(child);
  let gone = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  void exited.then(() => {
    gone = true;
    process.off('exit', killOnExit);
  });
  // An aborted run must not leave servers behind holding ports and temp dirs.
  process.on('exit', killOnExit);
  child.unref();

  const query = tls ? `?sslmode=verify-full&sslrootcert=${encodeURIComponent(tls.caFile)}` : '';
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres${query}`;
  try {
    await untilAccepting(url, () => gone);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    const text = output();
    const message = `postgres on port ${port} did not come up: ${text.trim() || '(no output)'}`;
    if (/could not bind|address already in use/i.test(text)) throw new PortTakenError(message, { cause: error });
    throw new Error(message, { cause: error });
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    stop: () =>
      (stopping ??= (async () => {
        if (!gone) {
          // SIGINT is PostgreSQL's fast shutdown: it disconnects clients rather than waiting for them.
          child.kill('SIGINT');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }
        await rm(dir, { recursive: true, force: true });
      })()),
  };
}

/**
 * `POSTGRES_BIN_DIR` wins; then Debian's versioned directories, newest first
 * (they are not on PATH); then PATH.
 */
async function findPostgresBinDir(): Promise<string> {
  const candidates: string[] = [];
  if (process.env.POSTGRES_BIN_DIR) {
    candidates.push(process.env.POSTGRES_BIN_DIR);
  } else {
    const versions = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
    versions.sort((a, b) => Number(b) - Number(a) || b.localeCompare(a));
    candidates.push(...versions.map((version) => join('/usr/lib/postgresql', version, 'bin')));
    candidates.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  }
  for (const dir of candidates) {
    const found = await Promise.all(
      ['initdb', 'postgres'].map((name) =>
        access(join(dir, name), constants.X_OK).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (found.every(Boolean)) return dir;
  }
  throw new Error(
    `PostgreSQL's initdb and postgres not found (looked in ${candidates.join(', ') || 'nothing'}); ` +
      "install Debian's postgresql package or set POSTGRES_BIN_DIR",
  );
}

/** Null when we may run the server ourselves; as root, the user it should run as instead. */
async function serverOwner(): Promise<Owner | null> {
  if (userInfo().uid !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    try {
      const exec = promisify(execFile);
      const [uid, gid] = await Promise.all([exec('id', ['-u', user]), exec('id', ['-g', user])]);
      return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
    } catch {
      // no such user; try the next
    }
  }
  throw new Error('running as root, but there is neither a "postgres" nor a "nobody" user to run PostgreSQL as');
}

function run(command: string, args: string[], owner: Owner | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) });
    const output = outputTail(child);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} failed (${signal ?? `exit ${code}`}): ${output().trim()}`));
    });
  });
}

async function untilAccepting(url: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('postgres exited during start-up', { cause: lastError });
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      // "the database system is starting up" and refused connections both mean: not yet.
      lastError = error;
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not accepting connections within ${READY_TIMEOUT_MS} ms`, { cause: lastError });
}

export interface TestDatabase {
  /** A fresh database with every migration applied, and nothing else in it. */
  url: string;
  /** Drops it, disconnecting anyone still connected. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  migrationsDir?: string;
}

// Any fixed 64-bit number; it only has to be the same in every Jest worker.
const TEMPLATE_LOCK = 0x616574686572;

/**
 * A new, migrated database on `serverUrl`. The migrations run once per server
 * (per migrations content) into a template; each test database is then a
 * quick `CREATE DATABASE ... TEMPLATE` copy. Workers coordinate through an
 * advisory lock, so concurrent test files build the template only once.
 */
export async function createTestDatabase(serverUrl: string, options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const template = `aether_template_${await migrationsHash(migrationsDir)}`;
  const name = `aether_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  admin.on('error', () => {});
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!exists.rowCount) await buildTemplate(admin, serverUrl, template, migrationsDir);
      // Copying needs the template free of sessions; the lock keeps other workers' copies out of the way.
      await retryWhileBusy(() => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  } catch (error) {
    throw new Error(`could not create a test database on ${withDatabase(serverUrl, '')}`, { cause: error });
  } finally {
    await admin.end();
  }

  let dropped: Promise<void> | undefined;
  return {
    url: withDatabase(serverUrl, name),
    drop: () =>
      (dropped ??= (async () => {
        const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
        client.on('error', () => {});
        await client.connect();
        try {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await client.end();
        }
      })()),
  };
}

async function buildTemplate(admin: pg.Client, serverUrl: string, template: string, migrationsDir: string): Promise<void> {
  // Built under another name and renamed when complete, so a run that died
  // half-way never leaves a template that looks usable.
  const building = `${template}_building`;
  await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${building}"`);
  await migrate(withDatabase(serverUrl, building), { migrationsDir });
  await retryWhileBusy(() => admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`));
}

/** Sessions the migrator just closed can linger for a moment on the server side. */
async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006'; // object_in_use
      if (!busy || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function migrationsHash(migrationsDir: string): Promise<string> {
  const list = await readMigrationList(migrationsDir);
  const hash = createHash('sha256');
  for (const migration of list.migrationDirectories) {
    hash.update(migration.path);
    hash.update(migration.migrationFile.content.tag === 'ok' ? migration.migrationFile.content.value : '');
  }
  return hash.digest('hex').slice(0, 16);
}
