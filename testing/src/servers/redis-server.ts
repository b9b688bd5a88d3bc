import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from '@aether/shared/process';
import { outputTail } from './process-output.js';

export interface RedisServer {
  url: string;
  port: number;
  /** Asks Redis to shut down (SIGTERM), then forces it after a few seconds. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Sends a signal, SIGKILL by default, to simulate a crash. Resolves once the
   * process has gone; SIGSTOP and SIGCONT resolve at once, so a test can
   * freeze the server to imitate a hung peer.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartRedisServerOptions {
  /** Listen here instead of a free port, e.g. to restart a killed server where its clients expect it. */
  port?: number;
  /** Serve TLS only (no plain port); the URL becomes rediss://. Clients must trust the certificate's CA. */
  tls?: { certFile: string; keyFile: string };
  /** An ACL user with every right; the default user is switched off, so nothing gets in without it. */
  user?: { name: string; password: string };
}

const READY_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;
/** When we picked the port ourselves, another process may take it before Redis binds; try a fresh one. */
const PORT_ATTEMPTS = 3;

/**
 * Starts a private, throw-away redis-server on loopback: no persistence, its
 * own temporary directory. Tests must never lean on a Redis the machine
 * happens to run on 6379; a fresh CI machine has none.
 */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServer> {
  const binary = await findRedisServerBinary();
  let lastError: unknown;
  for (let attempt = 1; attempt <= (options.port === undefined ? PORT_ATTEMPTS : 1); attempt += 1) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(binary, port, options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortTakenError)) break;
    }
  }
  throw new Error('could not start redis-server', { cause: lastError });
}

class PortTakenError extends Error {}

async function launch(binary: string, port: number, options: StartRedisServerOptions): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'aether-redis-'));
  const listen = options.tls
    ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', options.tls.certFile, '--tls-key-file', options.tls.keyFile, '--tls-auth-clients', 'no']
    : ['--port', String(port)];
  const acl = options.user ? ['--user', 'default', 'off', '--user', options.user.name, 'on', `>${options.user.password}`, '~*', '&*', '+@all'] : [];
  const child = spawn(
    binary,
    [...listen, ...acl, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = outputTail(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => {
    gone = true;
    process.off('exit', killOnExit);
  });
  // An aborted test run must not leave servers behind holding ports.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  // A forgotten server should not keep a test process alive; the exit hook still reaps it.
  child.unref();

  try {
    await untilPong(port, () => gone, options);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
    const text = output();
    const message = `redis-server on port ${port} did not come up: ${text.trim() || '(no output)'}`;
    if (/address already in use/i.test(text)) throw new PortTakenError(message, { cause: error });
    throw new Error(message, { cause: error });
  }

  const waitGone = async (graceMs: number) => {
    if (gone) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const credentials = options.user ? `${encodeURIComponent(options.user.name)}:${encodeURIComponent(options.user.password)}@` : '';
  return {
    url: `${options.tls ? 'rediss' : 'redis'}://${credentials}127.0.0.1:${port}`,
    port,
    async stop() {
      if (!gone) {
        child.kill('SIGCONT'); // a stopped process would never act on SIGTERM
        child.kill('SIGTERM');
        await waitGone(STOP_GRACE_MS);
      }
      await rm(dir, { recursive: true, force: true });
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (gone) return;
      child.kill(signal);
      if (signal === 'SIGSTOP' || signal === 'SIGCONT') return;
      await waitGone(STOP_GRACE_MS);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `REDIS_SERVER_BIN` wins; then PATH, then the places Debian and others install it outside a user's PATH. */
export async function findRedisServerBinary(): Promise<string> {
  const fromEnv = process.env.REDIS_SERVER_BIN;
  const candidates = fromEnv
    ? [fromEnv]
    : [
        ...(process.env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, 'redis-server')),
        '/usr/bin/redis-server',
        '/usr/sbin/redis-server',
        '/usr/local/bin/redis-server',
      ];
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next place
    }
  }
  throw new Error(`redis-server not found (looked in ${candidates.join(', ')}); install Debian's redis-server package or set REDIS_SERVER_BIN`);
}

async function untilPong(port: number, exited: () => boolean, options: StartRedisServerOptions): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('redis-server exited before answering PING');
    try {
      if (await ping(port, options)) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no PONG within ${READY_TIMEOUT_MS} ms`, { cause: lastError });
}

/** Raw RESP so the harness needs no client library; `-LOADING` and the like answer false. */
function ping(port: number, options: StartRedisServerOptions): Promise<boolean> {
  return new Promise((resolve, reject) => {
    // Readiness only: the certificate is checked by the clients under test, not here.
    const socket = options.tls ? connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false }) : connect({ host: '127.0.0.1', port });
    const auth = options.user ? `AUTH ${options.user.name} ${options.user.password}\r\n` : '';
    const lines = options.user ? 2 : 1;
    let reply = '';
    socket.setTimeout(500, () => socket.destroy(new Error('PING timed out')));
    socket.once('error', reject);
    socket.once(options.tls ? 'secureConnect' : 'connect', () => socket.write(`${auth}PING\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.split('\r\n').length > lines) {
        socket.destroy();
        resolve(reply.split('\r\n')[lines - 1]!.startsWith('+PONG'));
      }
    });
  });
}
