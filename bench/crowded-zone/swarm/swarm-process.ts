import { compiledScript } from '../paths.js';
import type { PinnedChild } from '../../common/processes/child.js';
import type { ProcessGroup } from '../../common/processes/process-group.js';
import type { FromSwarm, StartSwarm, SwarmWindow, ToSwarm } from './messages.js';

type Reply<T extends FromSwarm['type']> = Extract<FromSwarm, { type: T }>;

const STOP_GRACE_MS = 10_000;

/** The runner's handle on the bots process (swarm/main.ts, compiled), pinned to its own core. */
export class SwarmProcess {
  private waiter: { type: string; resolve: (message: FromSwarm) => void; reject: (error: Error) => void } | undefined;
  private lastProgress: Reply<'progress'> | undefined;
  /** Called with ramp-up progress reports. */
  onProgress: ((progress: Reply<'progress'>) => void) | undefined;

  private constructor(private readonly child: PinnedChild) {
    child.process.on('message', (message: FromSwarm) => this.onMessage(message));
    void child.exited.then(() => this.waiter?.reject(new Error(child.describeExit())));
  }

  static spawn(group: ProcessGroup, core: number): SwarmProcess {
    const child = group.spawn({
      label: 'bots process',
      script: compiledScript('swarm/main.js'),
      core,
      env: { PATH: process.env.PATH },
      ipc: true,
    });
    return new SwarmProcess(child);
  }

  get pid(): number {
    return this.child.pid;
  }

  /**
   * Starts the bots and resolves once all are in the world. A saturated
   * server can take minutes to let 1600 in, so the limit is on progress: it
   * fails when no bot has got in for `stallMs` (or after half an hour).
   */
  async start(message: StartSwarm, stallMs: number): Promise<Reply<'ready'>> {
    let entered = -1;
    let lastChange = performance.now();
    const watchdog = setInterval(() => {
      const now = this.lastProgress?.entered ?? 0;
      if (now !== entered) {
        entered = now;
        lastChange = performance.now();
      } else if (performance.now() - lastChange > stallMs) {
        const failures = this.lastProgress?.failures.length ? `; first failures: ${this.lastProgress.failures.join(' | ')}` : '';
        this.waiter?.reject(new Error(`bots process: no bot got into the world for ${stallMs / 1000} s (${now} of ${message.bots.length} in${failures})`));
      }
    }, 1000);
    try {
      // Bounded all the same: half an hour is far beyond any sane ramp.
      return await this.request(message, 'ready', 30 * 60_000);
    } finally {
      clearInterval(watchdog);
    }
  }

  async walk(): Promise<void> {
    await this.request({ type: 'walk' }, 'walking', 10_000);
  }

  async beginWindow(): Promise<void> {
    await this.request({ type: 'begin-window' }, 'window-begun', 10_000);
  }

  async endWindow(drainMs: number): Promise<SwarmWindow> {
    return (await this.request({ type: 'end-window', drainMs }, 'window', drainMs + 30_000)).window;
  }

  /** Asks the bots to disconnect and exit; kills the process if it does not. */
  async stop(): Promise<void> {
    if (!this.child.alive) return;
    try {
      await this.request({ type: 'stop' }, 'stopped', 5000);
    } catch {
      // it is being stopped either way
    }
    await this.child.stop(STOP_GRACE_MS);
  }

  private request<T extends FromSwarm['type']>(message: ToSwarm, expect: T, timeoutMs: number): Promise<Reply<T>> {
    if (!this.child.alive) return Promise.reject(new Error(this.child.describeExit()));
    if (this.waiter) return Promise.reject(new Error(`bots process: "${message.type}" sent while still waiting for "${this.waiter.type}"`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        const progress = this.lastProgress
          ? ` (${this.lastProgress.entered} of ${this.lastProgress.players} bots in the world, ${this.lastProgress.failed} failed)`
          : '';
        reject(
          new Error(
            `bots process: no "${expect}" within ${timeoutMs} ms after "${message.type}"${progress}; its last output:\n${this.child.output() || '(none)'}`,
          ),
        );
      }, timeoutMs);
      this.waiter = {
        type: expect,
        resolve: (reply) => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve(reply as Reply<T>);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.waiter = undefined;
          reject(error);
        },
      };
      this.child.process.send(message);
    });
  }

  private onMessage(message: FromSwarm): void {
    if (message.type === 'progress') {
      this.lastProgress = message;
      this.onProgress?.(message);
      return;
    }
    const waiter = this.waiter;
    if (!waiter) return;
    if (message.type === 'failed') waiter.reject(new Error(`bots process: ${message.message}`));
    else if (message.type === waiter.type) waiter.resolve(message);
  }
}
