import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { freePort } from '@aether/testing';
import { whileRunning, type ChildProcesses, type RunningProcess } from './child-processes.js';
import { IpcPeer } from './ipc-peer.js';
import { compiledScript, SCRIPTS } from './paths.js';

export type ServerKind = 'bare' | 'aether';

export const SERVER_LABELS: Record<ServerKind, string> = {
  bare: 'bare Socket.IO',
  aether: 'Aether gateway',
};

/** process.memoryUsage() in the server, right after two forced collections. */
export interface ServerMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface ServerUnderTest {
  readonly kind: ServerKind;
  readonly pid: number;
  readonly url: string;
  readonly process: RunningProcess;
  memory(): Promise<ServerMemory>;
  /** Sockets the server has accepted past its auth middleware, by the server's own count. */
  authenticated(): Promise<number>;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  children: ChildProcesses;
  root: string;
  core: number;
  /** Required for the Aether server (its PostgreSQL); unused by the bare one. */
  databaseUrl?: string;
  startTimeoutMs: number;
}

// Variables that would change what the embedded server runs (another mode, a
// second listener, an LLM behind NPCs); the benchmark sets its own below.
const DROPPED_ENV = /^(REDIS_URL|METRICS_PORT|SERVER_ID|ASSIGNED_ZONES|DATA_DIR|NODE_OPTIONS|TICK_RATE|AUTH_MODE|NPC_LLM_.*)$/;

/**
 * Starts one server pinned to `core`, both kinds alike: `node --expose-gc
 * --import memory-probe.js <server>`, IPC channel for the probe, open-file
 * limit raised. Resolves once it answers /health.
 */
export async function startServer(kind: ServerKind, options: StartServerOptions): Promise<ServerUnderTest> {
  const port = await freePort();
  const opsPort = await freePort();
  const probe = pathToFileURL(await compiledScript(options.root, SCRIPTS.memoryProbe)).href;
  const script = await compiledScript(options.root, kind === 'aether' ? SCRIPTS.aether : SCRIPTS.bareServer);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !DROPPED_ENV.test(name)));
  if (kind === 'aether') {
    if (!options.databaseUrl) throw new Error('the Aether server needs a database URL');
    // ALLOW_DEV_LOGIN: the clients log in as dev:<name>, which the server refuses without this opt-in.
    // METRICS_PORT: /metrics is on the ops port, not the players' one. Every client connects from 127.0.0.1: no per-address cap.
    Object.assign(env, {
      DATABASE_URL: options.databaseUrl,
      GATEWAY_PORT: String(port),
      METRICS_PORT: String(opsPort),
      LIMIT_CONNECTIONS_PER_IP: '1000000',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: '0',
      ALLOW_DEV_LOGIN: '1',
    });
  } else {
    Object.assign(env, { PORT: String(port) });
  }
  const child = options.children.start({
    name: SERVER_LABELS[kind],
    core: options.core,
    // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server (as the crowded-zone bench).
    argv: [process.execPath, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--expose-gc', '--import', probe, script],
    env,
    ipc: true,
    raiseFileLimit: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const peer = new IpcPeer(child);
  try {
    await whileRunning(child, 'start-up', options.startTimeoutMs + 1000, untilHealthy(url, Date.now() + options.startTimeoutMs));
  } catch (error) {
    await options.children.stop(child);
    throw new Error(`${SERVER_LABELS[kind]} did not start`, { cause: error });
  }
  return {
    kind,
    pid: child.pid,
    url,
    process: child,
    memory: () => peer.request<ServerMemory>('memory', {}, 30_000),
    authenticated: () =>
      whileRunning(child, 'counting connections', 10_000, kind === 'aether' ? aetherConnections(`http://127.0.0.1:${opsPort}`) : bareConnections(url)),
    stop: () => options.children.stop(child),
  };
}

async function untilHealthy(url: string, deadline: number): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
      lastError = new Error(`/health answered ${response.status}`);
    } catch (error) {
      lastError = error; // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url}/health did not answer 200 in time`, { cause: lastError });
}

async function bareConnections(url: string): Promise<number> {
  const body = (await getJson(`${url}/health`)) as { authenticated?: unknown };
  if (typeof body.authenticated !== 'number') throw new Error(`${url}/health has no "authenticated" count`);
  return body.authenticated;
}

/**
 * The gateway's `aether_gateway_connections` gauge rises in its connection
 * handler, which runs only after the auth middleware accepted the handshake:
 * it counts authenticated sockets (the engine count in /health would also
 * count handshakes refused at the Socket.IO level).
 */
async function aetherConnections(url: string): Promise<number> {
  const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${url}/metrics answered ${response.status}`);
  const match = /^aether_gateway_connections(?:\{[^}]*\})? (\S+)$/m.exec(await response.text());
  if (!match) throw new Error(`${url}/metrics has no aether_gateway_connections gauge`);
  return Number(match[1]);
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}
