import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { answerRequests, notify } from './ipc-responder.js';
import type { ConnectRequest, ConnectResult, CountResult, ProgressNotice } from './load-protocol.js';

/**
 * The load: many idle authenticated Socket.IO clients in one process (pinned
 * to its own core by the benchmark), driven over IPC. Each connection has its
 * own Manager (forceNew), hence its own engine and WebSocket, as separate
 * browsers would; WebSocket transport only, no reconnection, so a drop shows.
 */
interface Cohort {
  sockets: Socket[];
  lost: Record<string, number>;
  closing: boolean;
}

const PROGRESS_EVERY = 1000;

class Connections {
  private readonly cohorts = new Map<string, Cohort>();

  async connect(request: ConnectRequest): Promise<ConnectResult> {
    if (this.cohorts.has(request.cohort)) throw new Error(`cohort "${request.cohort}" is already open`);
    const cohort: Cohort = { sockets: [], lost: {}, closing: false };
    this.cohorts.set(request.cohort, cohort);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    try {
      await this.open(request, cohort, started);
    } catch (error) {
      this.close(request.cohort);
      throw error;
    } finally {
      delay.disable();
    }
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      connected: cohort.sockets.filter((socket) => socket.connected).length,
      elapsedMs,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      rssBytes: process.memoryUsage.rss(),
    };
  }

  count(cohortName: string): CountResult {
    const cohort = this.cohort(cohortName);
    return { connected: cohort.sockets.filter((socket) => socket.connected).length, lost: { ...cohort.lost } };
  }

  close(cohortName: string): { closed: number } {
    const cohort = this.cohort(cohortName);
    cohort.closing = true;
    for (const socket of cohort.sockets) socket.disconnect();
    this.cohorts.delete(cohortName);
    return { closed: cohort.sockets.length };
  }

  /** Starts connections no faster than the rate and no more in flight than the concurrency; the first refusal fails all. */
  private open(request: ConnectRequest, cohort: Cohort, started: number): Promise<void> {
    const interval = 1000 / request.ratePerSecond;
    return new Promise<void>((resolve, reject) => {
      let next = 0;
      let inFlight = 0;
      let accepted = 0;
      let failed = false;
      let timer: NodeJS.Timeout | undefined;
      const pump = () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        if (failed) return;
        while (next < request.count && inFlight < request.concurrency && started + next * interval <= performance.now()) {
          startOne(next);
          next += 1;
        }
        // Waiting on the rate: come back when the next slot opens. Waiting on concurrency: a completion calls pump.
        if (next < request.count && inFlight < request.concurrency) {
          timer = setTimeout(pump, Math.max(1, started + next * interval - performance.now()));
        }
      };
      const startOne = (index: number) => {
        inFlight += 1;
        connectOne(request, `${request.namePrefix}${index}`).then(
          (socket) => {
            inFlight -= 1;
            cohort.sockets.push(socket);
            socket.on('disconnect', (reason) => {
              if (!cohort.closing) cohort.lost[reason] = (cohort.lost[reason] ?? 0) + 1;
            });
            accepted += 1;
            if (accepted % PROGRESS_EVERY === 0) notify({ notice: 'progress', cohort: request.cohort, connected: accepted } satisfies ProgressNotice);
            if (accepted === request.count) resolve();
            else pump();
          },
          (error: unknown) => {
            inFlight -= 1;
            if (failed) return;
            failed = true;
            if (timer) clearTimeout(timer);
            reject(new Error(`connection ${index + 1} of ${request.count} failed after ${accepted} were accepted`, { cause: error }));
          },
        );
      };
      if (request.count === 0) resolve();
      else pump();
    });
  }

  private cohort(name: string): Cohort {
    const cohort = this.cohorts.get(name);
    if (!cohort) throw new Error(`no cohort "${name}"`);
    return cohort;
  }
}

function connectOne(request: ConnectRequest, name: string): Promise<Socket> {
  const socket = io(request.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: request.timeoutMs,
    // protocol 2: today's gateway ignores it, the next one requires it.
    auth: { token: `dev:${name}`, protocol: 2 },
  });
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      socket.off('connect', onConnect);
      socket.close();
      reject(new Error(`"${name}" was not accepted: ${error.message}`, { cause: error }));
    };
    const onConnect = () => {
      socket.off('connect_error', onError);
      resolve(socket);
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
  });
}

function main(): void {
  const connections = new Connections();
  // Kept alive by the channel: the benchmark ends this process when it is done with it.
  answerRequests(
    {
      connect: (request) => connections.connect(request as unknown as ConnectRequest),
      count: (request) => connections.count(String(request.cohort)),
      close: (request) => connections.close(String(request.cohort)),
    },
    { keepAlive: true },
  );
}

main();
