import { describeErrorChain } from '@aether/shared/process';
import { startPostgresServer, type PostgresServer } from '@aether/testing';
import { describeMachine } from '../machine.js';
import { pinProcessTree } from '../processes/pin.js';
import { childProcesses, postgresScratchDir, ProcessGroup } from '../processes/process-group.js';
import { SweepError } from './quiet-trial.js';

export interface SweepRunOptions {
  /** The bench's name, the prefix of its messages and the `benchmark` of its report. */
  benchmark: string;
  /** What a signal stops, for the message ("the servers and bots"). */
  stops: string;
  /** The core PostgreSQL runs on; unpinned when absent. */
  postgresCore?: number;
  /** Called last when cleaning up (e.g. to release the lock on the pinned cores). */
  release?: () => void;
}

/**
 * The lifetime of one sweep's processes: the group every child joins, the
 * PostgreSQL server started on first use and kept for the whole sweep, and a
 * clean-up that stops all of them whatever the way out is (the end, an error,
 * a signal, a deadline).
 */
export class SweepRun {
  readonly group = new ProcessGroup();
  readonly startedAt = new Date();
  private postgres: Promise<PostgresServer> | undefined;
  private releasePostgres: (() => void) | undefined;
  private cleaning: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: SweepRunOptions) {}

  /** The PostgreSQL server's URL, starting it on first use. */
  readonly postgresUrl = async (): Promise<string> => (await (this.postgres ??= this.startPostgres())).url;

  /**
   * Runs the sweep and writes its results, then cleans up whatever happened.
   * A sweep that stopped part-way still writes what it measured (minutes of
   * measurements are worth keeping when a later run fails), marked incomplete.
   */
  async complete<R>(sweep: () => Promise<R[]>, write: (results: R[], error?: unknown) => Promise<void>): Promise<void> {
    try {
      let results: R[];
      try {
        results = await sweep();
      } catch (error) {
        if (error instanceof SweepError && error.results.length > 0) await write(error.results as R[], error);
        throw error;
      }
      await write(results);
    } finally {
      await this.cleanUp();
    }
  }

  /** Stops every child process, PostgreSQL last; once, however often it is called. */
  cleanUp(): Promise<void> {
    return (this.cleaning ??= (async () => {
      await this.group.stopAll(5000);
      await (await this.postgres?.catch(() => undefined))?.stop();
      this.releasePostgres?.();
      this.group.dispose();
      this.options.release?.();
    })());
  }

  /** Cleans up and exits with `code`, saying why; bounded, since the exit handlers still SIGKILL the children. */
  abort(why: string, code: number): void {
    if (this.stopping) return;
    this.stopping = true;
    process.stderr.write(`\n${this.options.benchmark}: ${why}: stopping ${this.options.stops}\n`);
    setTimeout(() => process.exit(code), 20_000).unref();
    void this.cleanUp().finally(() => process.exit(code));
  }

  /** Aborts on SIGINT and SIGTERM, exiting with the code given for each. */
  abortOnSignals(codes: { SIGINT: number; SIGTERM: number }): void {
    process.on('SIGINT', () => this.abort('SIGINT', codes.SIGINT));
    process.on('SIGTERM', () => this.abort('SIGTERM', codes.SIGTERM));
  }

  /** The fields every report starts with; `error` marks a sweep that stopped part-way. */
  reportHeader(error?: unknown): Record<string, unknown> {
    return {
      benchmark: this.options.benchmark,
      startedAt: this.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ...(error ? { incomplete: describeErrorChain(error, 10) } : {}),
      machine: describeMachine(),
    };
  }

  /** The base name of the result files: the bench and when it started. */
  get resultsBase(): string {
    return `${this.options.benchmark}-${this.startedAt.toISOString().replace(/[:.]/g, '-')}`;
  }

  private async startPostgres(): Promise<PostgresServer> {
    const server = await startPostgresServer();
    const [postmaster] = childProcesses('postgres');
    if (!postmaster) throw new Error('started PostgreSQL, but found no postgres child process to look after');
    // The harness's launcher kills its server when this process exits normally; the watchdog covers the rest.
    this.releasePostgres = this.group.adopt(postmaster.pid, postgresScratchDir(postmaster.args)).release;
    if (this.options.postgresCore !== undefined) pinProcessTree(postmaster.pid, this.options.postgresCore);
    return server;
  }
}
