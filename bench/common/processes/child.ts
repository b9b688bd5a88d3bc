import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildOptions {
  /** For messages: "Aether server", "baseline", "bots". */
  label: string;
  /** A Node.js script; it runs on this process's own node binary, so a Node 24 runner tests Node 24. */
  script: string;
  args?: string[];
  /** Node.js options, before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Pin to this CPU core (taskset -c). */
  core: number;
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Open an IPC channel (process.send in the child). */
  ipc?: boolean;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const TAIL_BYTES = 8192;

/**
 * A child Node.js process pinned to one core. taskset execs node in place, so
 * the pid is node's own and /proc/<pid> describes the process under test.
 * stdin is a pipe the child may watch: it closes when this process dies,
 * however it dies. Output is kept (the last few KB) for error messages.
 */
export class PinnedChild {
  readonly process: ChildProcess;
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private tail = '';

  constructor(readonly options: ChildOptions) {
    this.process = spawn('taskset', ['-c', String(options.core), process.execPath, ...(options.nodeArgs ?? []), options.script, ...(options.args ?? [])], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
    });
    const keep = (chunk: Buffer) => {
      this.tail = (this.tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
    };
    this.process.stdout?.on('data', keep);
    this.process.stderr?.on('data', keep);
    this.process.stdin?.on('error', () => {}); // the child may be gone already
    this.exited = new Promise((resolve) => {
      this.process.once('error', (error) => {
        keep(Buffer.from(`\n${options.label}: could not start: ${error.message}\n`));
        this.exit ??= { code: null, signal: null };
        resolve(this.exit);
      });
      this.process.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    const pid = this.process.pid;
    if (pid === undefined) throw new Error(`${this.options.label} has no pid (it did not start): ${this.output() || 'no output'}`);
    return pid;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** The last few KB the child wrote, stdout and stderr interleaved. */
  output(): string {
    return this.tail.trim();
  }

  describeExit(): string {
    if (!this.exit) return `${this.options.label} is running`;
    const how = this.exit.signal ? `was killed by ${this.exit.signal}` : `exited with code ${this.exit.code}`;
    return `${this.options.label} ${how}${this.tail.trim() ? `; its last output:\n${this.output()}` : ' (no output)'}`;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  async stop(graceMs: number): Promise<void> {
    if (!this.alive) return;
    this.process.stdin?.end();
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Immediate and synchronous: usable from an exit handler. */
  kill(): void {
    if (this.alive) this.process.kill('SIGKILL');
  }
}
