import { repoRoot } from '../common/paths.js';
import { lockPinnedCores } from '../common/processes/core-lock.js';
import { assertCanPin } from '../common/processes/process-group.js';
import { jsonFile, writeResultFiles } from '../common/results-files.js';
import { logWithTime as log, optionsOrExit, runMain } from '../common/run/cli.js';
import { SweepRun } from '../common/run/sweep-run.js';
import { parseOptions, USAGE } from './options.js';
import { describeCheckout } from './report/checkout.js';
import { resultsPlot } from './report/plot.js';
import { resultsTable } from './report/table.js';
import { runSweep } from './sweep.js';
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
  const options = optionsOrExit('crowded-zone', USAGE, () => parseOptions(process.argv.slice(2), repoRoot()));
  if (!options) return;
  assertCanPin([SERVER_CORE, BOTS_CORE]);
  const releaseCores = await lockPinnedCores(LOCK_WAIT_MS, log);

  // PostgreSQL serves the logins and the server's checkpoints: on the bots' core, so the server's core is the server's alone.
  const run = new SweepRun({ benchmark: 'crowded-zone', stops: 'the servers and bots', postgresCore: BOTS_CORE, release: releaseCores });
  run.abortOnSignals({ SIGINT: 130, SIGTERM: 130 });

  const write = async (results: TrialResult[], error?: unknown) => {
    const table = resultsTable(results, options.decodeEvery);
    const report = {
      ...run.reportHeader(error),
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
    const files = await writeResultFiles(options.out, run.resultsBase, { json: jsonFile(report), svg: resultsPlot(results), md: `${table}\n` });
    process.stdout.write(`\n${table}\n\nwritten: ${files.json}\n         ${files.svg}\n         ${files.md}\n`);
  };

  log(`crowded zone: ${options.players.join(', ')} players, ${options.servers.join(' and ')}, warm-up ${options.warmup} s, window ${options.seconds} s`);
  await run.complete(
    () =>
      runSweep(
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
        // PostgreSQL is started on first use (only Aether needs a database) and kept for the whole sweep.
        { group: run.group, postgresUrl: run.postgresUrl, log },
      ),
    write,
  );
}

runMain('crowded-zone', main);
