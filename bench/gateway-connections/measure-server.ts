import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcesses } from './child-processes.js';
import { LoadProcess } from './load-process.js';
import { readCpuSeconds, readOpenFileLimit } from './proc-stats.js';
import { SERVER_LABELS, startServer, type ServerKind, type ServerMemory, type ServerUnderTest } from './server-process.js';
import { steadyRss } from './steady-rss.js';

export interface MeasureSettings {
  connections: number;
  warmupConnections: number;
  ratePerSecond: number;
  concurrency: number;
  settleMs: number;
  serverCore: number;
  loadCore: number;
  startTimeoutMs: number;
  connectTimeoutMs: number;
}

interface MemoryDelta {
  before: number;
  after: number;
  /** (after − before) ÷ connections. */
  perConnection: number;
  /** (after − reading at half) ÷ connections in the second half; NaN with a single connection. */
  secondHalfPerConnection: number;
}

export interface ServerMeasurement {
  kind: ServerKind;
  label: string;
  connections: number;
  /** VmRSS of the server process, steady readings; the headline number. */
  rss: MemoryDelta & { steady: boolean };
  /** V8 heapUsed after two forced collections (memory-probe.ts). */
  heapUsed: MemoryDelta;
  /** Memory outside the V8 heap that V8 knows of (Buffers, ArrayBuffers). */
  external: MemoryDelta;
  connect: {
    /** First connection started → last accepted, both halves, without the reading between them. */
    elapsedMs: number;
    achievedPerSecond: number;
    /** CPU seconds per wall second over the connect phase; 1.0 is the whole pinned core. */
    serverCpuShare: number;
    loadCpuShare: number;
    loadLoopDelayP99Ms: number;
    loadRssBytes: number;
  };
  /** Counted after the "after" readings: both sides must still see every connection. */
  stillConnected: { byClients: number; byServer: number; lost: Record<string, number> };
  openFileLimit: { server: number; load: number };
}

/** Descriptors each side needs beside one per connection (listening socket, pipes, database pool, …). */
const FD_HEADROOM = 256;

/**
 * One server, start to stop: warm it up (a small cohort connects and leaves,
 * so lazily loaded code is in place before the "before" reading), read its
 * memory idle, connect N clients, let it settle, read again, check that every
 * connection is still there on both sides.
 */
export async function measureServer(
  kind: ServerKind,
  settings: MeasureSettings,
  deps: { children: ChildProcesses; root: string; databaseUrl?: string; log: (line: string) => void },
): Promise<ServerMeasurement> {
  const label = SERVER_LABELS[kind];
  const { children, root, log } = deps;
  log(`${label}: starting on core ${settings.serverCore}`);
  const server = await startServer(kind, {
    children,
    root,
    core: settings.serverCore,
    startTimeoutMs: settings.startTimeoutMs,
    ...(deps.databaseUrl ? { databaseUrl: deps.databaseUrl } : {}),
  });
  let load: LoadProcess | undefined;
  try {
    load = await LoadProcess.start(children, root, settings.loadCore, (notice) => {
      if (notice.cohort !== 'warmup') log(`${label}: ${notice.cohort}: ${notice.connected} connected`);
    });
    const openFileLimit = { server: await readOpenFileLimit(server.pid), load: await load.openFileLimit() };
    const needed = settings.connections + FD_HEADROOM;
    for (const [side, limit] of Object.entries(openFileLimit)) {
      if (limit < needed) {
        throw new Error(
          `the ${side} process may open ${limit} files, ${settings.connections} connections need about ${needed}; ` +
            `raise the hard limit (ulimit -Hn; raising it needs CAP_SYS_RESOURCE) or use fewer --connections`,
        );
      }
    }

    const request = {
      url: server.url,
      ratePerSecond: settings.ratePerSecond,
      concurrency: settings.concurrency,
      timeoutMs: settings.connectTimeoutMs,
    };
    const phaseTimeout = (count: number) => settings.startTimeoutMs + (count / settings.ratePerSecond) * 1000 + settings.connectTimeoutMs;

    if (settings.warmupConnections > 0) {
      log(`${label}: warm-up with ${settings.warmupConnections} connections`);
      await load.connect({ ...request, cohort: 'warmup', count: settings.warmupConnections, namePrefix: 'warm' }, phaseTimeout(settings.warmupConnections));
      await load.close('warmup');
      await untilConnections(server, 0, 15_000);
    }
    await sleep(settings.settleMs);
    const before = await readings(server);

    // In two halves with a reading between them: the second half's cost per
    // connection is measured on a heap already grown by the first, so free
    // space a process happened to have before (the Aether process has far
    // more) matters less there than in the whole-run figure.
    const firstHalf = Math.floor(settings.connections / 2);
    const cohorts = [
      { cohort: 'first-half', count: firstHalf, namePrefix: 'a' },
      { cohort: 'second-half', count: settings.connections - firstHalf, namePrefix: 'b' },
    ].filter((cohort) => cohort.count > 0);
    const connect = { elapsedMs: 0, cpuSeconds: 0, serverCpuSeconds: 0, loopDelayP99Ms: 0, rssBytes: 0 };
    let middle: Readings | undefined;
    for (const [i, cohort] of cohorts.entries()) {
      if (i > 0) {
        await sleep(settings.settleMs);
        middle = await readings(server);
      }
      log(`${label}: connecting ${cohort.count} clients (${cohort.cohort}) at up to ${settings.ratePerSecond}/s`);
      const serverCpuBefore = await readCpuSeconds(server.pid);
      const result = await load.connect({ ...request, ...cohort }, phaseTimeout(cohort.count));
      connect.serverCpuSeconds += (await readCpuSeconds(server.pid)) - serverCpuBefore;
      if (result.connected !== cohort.count) {
        throw new Error(`${label}: only ${result.connected} of ${cohort.count} were connected when the last one was accepted`);
      }
      connect.elapsedMs += result.elapsedMs;
      connect.cpuSeconds += result.cpuSeconds;
      connect.loopDelayP99Ms = Math.max(connect.loopDelayP99Ms, result.loopDelayP99Ms);
      connect.rssBytes = result.rssBytes;
    }

    await sleep(settings.settleMs);
    const after = await readings(server);
    const [counts, byServer] = await Promise.all([Promise.all(cohorts.map((cohort) => load!.count(cohort.cohort))), server.authenticated()]);
    const byClients = counts.reduce((sum, count) => sum + count.connected, 0);
    const lost: Record<string, number> = {};
    for (const count of counts) for (const [reason, n] of Object.entries(count.lost)) lost[reason] = (lost[reason] ?? 0) + n;
    if (byClients !== settings.connections || byServer !== settings.connections || Object.keys(lost).length > 0) {
      throw new Error(
        `${label}: ${settings.connections} connections opened, but at the end the clients hold ${byClients} ` +
          `and the server counts ${byServer} (lost: ${JSON.stringify(lost)})`,
      );
    }
    for (const cohort of cohorts) await load.close(cohort.cohort);

    const secondHalf = cohorts.at(-1)!.count;
    const delta = (pick: (r: Readings) => number): MemoryDelta => ({
      before: pick(before),
      after: pick(after),
      perConnection: (pick(after) - pick(before)) / settings.connections,
      secondHalfPerConnection: middle ? (pick(after) - pick(middle)) / secondHalf : Number.NaN,
    });
    const elapsedSeconds = connect.elapsedMs / 1000;
    return {
      kind,
      label,
      connections: settings.connections,
      rss: { ...delta((r) => r.rss.bytes), steady: [before, middle, after].every((r) => r?.rss.steady ?? true) },
      heapUsed: delta((r) => r.memory.heapUsed),
      external: delta((r) => r.memory.external),
      connect: {
        elapsedMs: connect.elapsedMs,
        achievedPerSecond: settings.connections / elapsedSeconds,
        serverCpuShare: connect.serverCpuSeconds / elapsedSeconds,
        loadCpuShare: connect.cpuSeconds / elapsedSeconds,
        loadLoopDelayP99Ms: connect.loopDelayP99Ms,
        loadRssBytes: connect.rssBytes,
      },
      stillConnected: { byClients, byServer, lost },
      openFileLimit,
    };
  } finally {
    await load?.stop();
    await server.stop();
  }
}

interface Readings {
  memory: ServerMemory;
  rss: Awaited<ReturnType<typeof steadyRss>>;
}

/** Heap first (the probe collects garbage), then RSS until it holds still. */
async function readings(server: ServerUnderTest): Promise<Readings> {
  const memory = await server.memory();
  const rss = await steadyRss(server.pid);
  return { memory, rss };
}

async function untilConnections(server: ServerUnderTest, expected: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = await server.authenticated();
  while (count !== expected) {
    if (Date.now() >= deadline) throw new Error(`${SERVER_LABELS[server.kind]} still counts ${count} connections, expected ${expected}`);
    await sleep(100);
    count = await server.authenticated();
  }
}
