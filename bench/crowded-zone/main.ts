import { describeErrorChain } from '@aether/shared/process';
import { startPostgresServer, type PostgresServer } from '@aether/shared/testing';
import { OptionsError, parseOptions, USAGE, type BenchOptions } from './options.js';
import { benchPaths } from './paths.js';
import { lockPinnedCores } from './processes/core-lock.js';
import { pinProcessTree } from './processes/pin.js';
import { assertCanPin, childProcesses, postgresScratchDir, ProcessGroup } from './processes/process-group.js';
import { describeMachine } from '../common/machine.js';
import { describeCheckout } from './report/checkout.js';
import { resultsPlot } from './report/plot.js';
import { writeResults } from './report/results-file.js';
import { resultsTable } from './report/table.js';
import { runSweep, SweepError } from './sweep.js';
import type { TrialResult } from './trial-result.js';
import { BOTS_CORE, BOTS_SATURATION, SERVER_CORE, WORKLOAD } from './workload.js';

/** Another run on the same cores (a whole sweep) may take this long. */
const LOCK_WAIT_MS = 60 * 60_000;

/**
 * `make bench-zone`: the crowded-zone sweep. Prints a table, writes JSON, SVG
 * and the table under --out. Every child process (servers, bots, PostgreSQL)
 * is stopped on the way out, whatever the way out is.
 */
async function main(): Promise<void> {
  const { repoRoot } = benchPaths();
  let parsed: BenchOptions | 'help';
  try {
    parsed = parseOptions(process.argv.slice(2), repoRoot);
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    process.stderr.write(`crowded-zone: ${error.message}\n`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = parsed;
  assertCanPin([SERVER_CORE, BOTS_CORE]);
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const releaseCores = await lockPinnedCores(LOCK_WAIT_MS, log);

  const group = new ProcessGroup();
  let postgres: Promise<PostgresServer> | undefined;
  let releasePostgres: (() => void) | undefined;
  const startPostgres = async () => {
    const server = await startPostgresServer();
    const [postmaster] = childProcesses('postgres');
    if (!postmaster) throw new Error('started PostgreSQL, but found no postgres child process to look after');
    // The harness's launcher kills its server when this process exits normally; the watchdog covers the rest.
    releasePostgres = group.adopt(postmaster.pid, postgresScratchDir(postmaster.args)).release;
    // It serves the logins and the server's checkpoints: on the bots' core, so the server's core is the server's alone.
    pinProcessTree(postmaster.pid, BOTS_CORE);
    return server;
  };
  const cleanUp = async () => {
    await group.stopAll(5000);
    await (await postgres?.catch(() => undefined))?.stop();
    releasePostgres?.();
    group.dispose();
    releaseCores();
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\ncrowded-zone: ${signal}: stopping the servers and bots\n`);
    // Bounded: whatever hangs, the exit handlers still SIGKILL the children.
    setTimeout(() => process.exit(130), 20_000).unref();
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const startedAt = new Date();
  const write = async (results: TrialResult[], error?: unknown) => {
    const table = resultsTable(results, options.decodeEvery);
    const report = {
      benchmark: 'crowded-zone',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ...(error ? { incomplete: describeErrorChain(error, 10) } : {}),
      machine: describeMachine(),
      options,
      serverUnderTest: describeCheckout(options.serverRoot),
      workload: WORKLOAD,
      cores: { server: SERVER_CORE, bots: BOTS_CORE, postgres: BOTS_CORE },
      botsSaturation: BOTS_SATURATION,
      notes: {
        tickPercentiles: 'Aether: interpolated inside the buckets of aether_zone_tick_duration_seconds; baseline: exact, over every tick',
        serverCpuCores: 'utime + stime of the server process over the window (not its children; PostgreSQL is a separate process, not counted)',
        bytes: 'read on the bots\u2019 TCP sockets over the window, WebSocket framing included',
        messages: 'Socket.IO events received',
      },
      results,
    };
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const files = await writeResults(options.out, stamp, { json: report, svg: resultsPlot(results), table });
    process.stdout.write(`\n${table}\n\nwritten: ${files.json}\n         ${files.svg}\n         ${files.table}\n`);
  };

  try {
    log(`crowded zone: ${options.players.join(', ')} players, ${options.servers.join(' and ')}, warm-up ${options.warmup} s, window ${options.seconds} s`);
    let results: TrialResult[];
    try {
      results = await runSweep(
        {
          players: options.players,
          servers: options.servers,
          warmupSeconds: options.warmup,
          measureSeconds: options.seconds,
          decodeEvery: options.decodeEvery,
          rampPerSecond: options.ramp,
          seed: options.seed,
          serverRoot: options.serverRoot,
          quietWaitSeconds: options.quiet,
        },
        {
          group,
          // Started on first use (only Aether needs a database) and kept for the whole sweep.
          postgresUrl: async () => (await (postgres ??= startPostgres())).url,
          log,
        },
      );
    } catch (error) {
      // Minutes of measurements are worth keeping when a later run fails.
      if (error instanceof SweepError && error.results.length > 0) await write(error.results, error);
      throw error;
    }
    await write(results);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`crowded-zone: ${describeErrorChain(error, 10)}\n`);
  process.exitCode = 1;
});
