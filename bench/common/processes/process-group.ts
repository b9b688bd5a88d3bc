import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { benchScript } from '../paths.js';
import { PinnedChild, type ChildOptions } from './child.js';

/**
 * Every child process of a run. Whatever ends the run — success, an error,
 * Ctrl-C, an uncaught exception — the survivors are SIGKILLed on exit; and a
 * watchdog process (reaper-main.ts) does the same if this process is killed
 * outright, so no server is left holding a port or a core.
 */
export class ProcessGroup {
  private readonly children = new Set<PinnedChild>();
  private readonly killOnExit = () => this.killAll();
  private readonly reaper: ChildProcess;

  constructor() {
    process.on('exit', this.killOnExit);
    this.reaper = spawn(process.execPath, [benchScript('common/processes/reaper-main.js')], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    this.reaper.stdin?.on('error', () => {});
    // The watchdog must not keep this process alive, nor be what it waits for.
    this.reaper.unref();
    (this.reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }

  spawn(options: ChildOptions): PinnedChild {
    const child = new PinnedChild(options);
    this.children.add(child);
    const pid = child.process.pid;
    if (pid !== undefined) this.tellReaper(`+${pid}`);
    void child.exited.then(() => {
      this.children.delete(child);
      if (pid !== undefined) this.tellReaper(`-${pid}`);
    });
    return child;
  }

  /**
   * Puts a process this one started some other way (a PostgreSQL server) in
   * the watchdog's care, with its scratch directory. Call `release` once it is stopped.
   */
  adopt(pid: number, scratchDir?: string): { release(): void } {
    this.tellReaper(`+${pid}`);
    if (scratchDir) this.tellReaper(`dir ${scratchDir}`);
    return {
      release: () => {
        this.tellReaper(`-${pid}`);
        if (scratchDir) this.tellReaper(`undir ${scratchDir}`);
      },
    };
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

  /** Kills what is left and lets the watchdog go. */
  dispose(): void {
    this.killAll();
    process.off('exit', this.killOnExit);
    this.reaper.stdin?.end();
  }

  private tellReaper(line: string): void {
    if (this.reaper.stdin?.writable) this.reaper.stdin.write(`${line}\n`);
  }
}

/**
 * Direct children of this process running `command` (by /proc/<pid>/comm),
 * with their command lines: how to find the PostgreSQL server a library started.
 */
export function childProcesses(command: string): Array<{ pid: number; args: string[] }> {
  const found: Array<{ pid: number; args: string[] }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid || comm !== command) continue;
      found.push({ pid: Number(entry), args: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean) });
    } catch {
      // exited while we looked
    }
  }
  return found;
}

/** The scratch directory of a PostgreSQL started by the test harness: the parent of its -D data directory. */
export function postgresScratchDir(args: readonly string[]): string | undefined {
  const data = args[args.indexOf('-D') + 1];
  return args.includes('-D') && data ? dirname(data) : undefined;
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
