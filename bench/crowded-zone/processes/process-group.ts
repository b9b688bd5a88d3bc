import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { PinnedChild, type ChildOptions } from './child.js';

/**
 * Every child process of a run. Whatever ends the run — success, an error,
 * Ctrl-C, an uncaught exception — the survivors are SIGKILLed on exit, so no
 * server is left holding a port or a core.
 */
export class ProcessGroup {
  private readonly children = new Set<PinnedChild>();
  private readonly killOnExit = () => this.killAll();

  constructor() {
    process.on('exit', this.killOnExit);
  }

  spawn(options: ChildOptions): PinnedChild {
    const child = new PinnedChild(options);
    this.children.add(child);
    void child.exited.then(() => this.children.delete(child));
    return child;
  }

  get running(): number {
    return this.children.size;
  }

  killAll(): void {
    for (const child of this.children) child.kill();
  }

  /** Stops everyone still running (SIGTERM, then SIGKILL after `graceMs`). */
  async stopAll(graceMs: number): Promise<void> {
    await Promise.all([...this.children].map((child) => child.stop(graceMs)));
  }

  dispose(): void {
    this.killAll();
    process.off('exit', this.killOnExit);
  }
}

/** Fails with what to do when the server and the bots cannot have a core each. */
export function assertCanPin(cores: readonly number[]): void {
  const available = availableParallelism();
  const highest = Math.max(...cores);
  if (available <= highest) {
    throw new Error(`the crowded-zone bench pins the server and the bots to cores ${cores.join(' and ')}, but this machine offers ${available} core(s)`);
  }
  try {
    execFileSync('taskset', ['-c', cores.join(','), 'true'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`cannot pin processes to cores ${cores.join(',')} with taskset (install util-linux, or check the CPU set this runs in)`, { cause: error });
  }
}
