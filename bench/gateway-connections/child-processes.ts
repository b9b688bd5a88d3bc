import { spawn, type ChildProcess } from 'node:child_process';

export interface PinnedProcessSpec {
  /** For messages: "aether server", "load generator", … */
  name: string;
  /** The CPU the process may run on (taskset), so server and load never share a core. */
  core: number;
  /** Program and arguments, e.g. [process.execPath, script, …]. */
  argv: string[];
  env?: NodeJS.ProcessEnv;
  /** An IPC channel (process.send) to the child. */
  ipc?: boolean;
  /** Raise the open-file limit: one socket per connection needs one descriptor on each side. */
  raiseFileLimit?: boolean;
}

export interface RunningProcess {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** Resolves when the process has exited, with how. */
  readonly exited: Promise<string>;
  hasExited(): boolean;
  /** The last few KB of its stdout and stderr, for error messages. */
  output(): string;
}

const OUTPUT_TAIL_CHARS = 8192;

// 65536 when the hard limit allows it; otherwise the hard limit (a container
// without CAP_SYS_RESOURCE cannot go higher, even as root). `exec` keeps the
// pid, so the pid we hold is the Node process we measure.
const RAISE_FILE_LIMIT = '{ ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; } && ';

/**
 * Every process the benchmark starts, so that each one is stopped on the way
 * out: normally by stop()/stopAll(), and if the benchmark itself dies, by
 * SIGKILL from the exit hook.
 */
export class ChildProcesses {
  private readonly running = new Set<RunningProcess>();
  private readonly killOnExit = () => {
    for (const child of this.running) child.process.kill('SIGKILL');
  };

  constructor() {
    process.on('exit', this.killOnExit);
  }

  start(spec: PinnedProcessSpec): RunningProcess {
    if (!Number.isInteger(spec.core) || spec.core < 0) throw new Error(`${spec.name}: core must be a CPU number, got ${spec.core}`);
    const script = `${spec.raiseFileLimit ? RAISE_FILE_LIMIT : ''}exec taskset -c ${spec.core} "$@"`;
    const child = spawn('sh', ['-c', script, 'sh', ...spec.argv], {
      stdio: ['ignore', 'pipe', 'pipe', ...(spec.ipc ? (['ipc'] as const) : [])],
      env: spec.env ?? process.env,
    });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let gone = false;
    const exited = new Promise<string>((resolve) => {
      child.once('error', (error) => {
        gone = true;
        resolve(`could not be started: ${error.message}`);
      });
      child.once('exit', (code, signal) => {
        gone = true;
        resolve(signal ? `killed by ${signal}` : `exit code ${code}`);
      });
    });
    if (child.pid === undefined) throw new Error(`${spec.name}: spawn gave no pid`);
    const running: RunningProcess = {
      name: spec.name,
      pid: child.pid,
      process: child,
      exited,
      hasExited: () => gone,
      output: () => tail,
    };
    this.running.add(running);
    void exited.then(() => this.running.delete(running));
    return running;
  }

  /** SIGTERM, then SIGKILL if it has not gone within `graceMs`. */
  async stop(child: RunningProcess, graceMs = 5000): Promise<void> {
    if (child.hasExited()) return;
    child.process.kill('SIGTERM');
    const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
    await child.exited;
    clearTimeout(timer);
  }

  async stopAll(graceMs = 5000): Promise<void> {
    await Promise.all([...this.running].map((child) => this.stop(child, graceMs)));
  }

  /** Stops everything, then forgets the exit hook (for callers that outlive the benchmark, such as Jest). */
  async dispose(): Promise<void> {
    await this.stopAll();
    process.off('exit', this.killOnExit);
  }
}

/** Waits for `work`, failing early (with the child's output) if the child exits first or time runs out. */
export async function whileRunning<T>(child: RunningProcess, what: string, timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const failure = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${child.name}: ${what} took longer than ${timeoutMs} ms`)), timeoutMs);
    void child.exited.then((how) => reject(new Error(`${child.name} ended (${how}) during ${what}: ${child.output().trim().slice(-2000) || '(no output)'}`)));
  });
  try {
    return await Promise.race([work, failure]);
  } finally {
    clearTimeout(timer);
  }
}
