import { repoRoot } from '../common/paths.js';
import { assertCanPin } from '../common/processes/process-group.js';
import { jsonFile, writeResultFiles } from '../common/results-files.js';
import { logWithTime as log, optionsOrExit, runMain } from '../common/run/cli.js';
import { SweepError } from '../common/run/quiet-trial.js';
import { SweepRun } from '../common/run/sweep-run.js';
import { describeCheckout } from '../crowded-zone/report/checkout.js';
import { BOTS_SATURATION, WORKLOAD } from '../crowded-zone/workload.js';
import { SHARED_CORE, ZONE_CORE } from '../distributed-zone/cluster.js';
import { parseOptions, USAGE } from './options.js';
import { capacityTable, perPlayer } from './report.js';
import { runCapacityTrial, type CapacityResult } from './trial.js';

/**
 * `make bench-capacity`: the check of the capacity model (docs/capacity.md)
 * on this machine. Several layouts of zone servers and gateways on one Redis,
 * each with the same players per zone server spread over its zones, walking
 * and chatting; Redis commands and bytes, PostgreSQL writes and CPU per
 * player over a window. Prints a table, writes JSON and the table under
 * --out. Every child process is stopped on the way out, whatever the way
 * out is, and the whole run is bounded by --max-minutes.
 */
async function main(): Promise<void> {
  const root = repoRoot();
  const options = optionsOrExit('capacity', USAGE, () => parseOptions(process.argv.slice(2), root));
  if (!options) return;
  assertCanPin([ZONE_CORE, SHARED_CORE]);

  const run = new SweepRun({ benchmark: 'capacity', stops: 'Redis, the servers and the bots' });
  run.abortOnSignals({ SIGINT: 130, SIGTERM: 143 });
  setTimeout(() => run.abort(`still running after --max-minutes ${options.maxMinutes}`, 124), options.maxMinutes * 60_000).unref();

  const write = async (results: CapacityResult[], error?: unknown) => {
    const table = capacityTable(results);
    const report = {
      ...run.reportHeader(error),
      options,
      serverUnderTest: describeCheckout(root),
      workload: { ...WORKLOAD, zones: 'cap-1…cap-N, each the size of bench-field; bots in contiguous blocks over them, bot k on gateway k mod G' },
      cores: { zoneServers: ZONE_CORE, gateways: SHARED_CORE, redis: SHARED_CORE, bots: SHARED_CORE, postgres: 'unpinned' },
      botsSaturation: BOTS_SATURATION,
      notes: {
        cores: 'a 2-core machine: the zone servers share core 0; Redis, the gateways and the bots process share core 1',
        redisTraffic: 'deltas of INFO stats (total_commands_processed, total_net_input_bytes, total_net_output_bytes) and INFO commandstats over the window',
        postgres:
          'deltas of pg_stat_database (xact_commit, tup_inserted + tup_updated + tup_deleted) for the bench database, and of pg_current_wal_lsn() for the server, over the window',
        cpu: 'utime + stime of each process over the window (/proc/<pid>/stat)',
      },
      results: results.map((result) => ({ ...result, perPlayerPerSecond: perPlayer(result) })),
    };
    const files = await writeResultFiles(options.out, run.resultsBase, { json: jsonFile(report), md: `${table}\n` });
    process.stdout.write(`\n${table}\n\nwritten: ${files.json}\n         ${files.md}\n`);
  };

  log(
    `capacity: layouts ${options.layouts.map((layout) => `${layout.zoneServers}x${layout.gateways}`).join(', ')}, ${options.playersPerServer} players per zone server ` +
      `over ${options.zonesPerServer} zones each, warm-up ${options.warmup} s, window ${options.seconds} s. Modest crowds on purpose: ` +
      `the bots share core ${SHARED_CORE} with Redis and the gateways, and the table says if they saturated.`,
  );
  await run.complete(async () => {
    const results: CapacityResult[] = [];
    for (const layout of options.layouts) {
      try {
        results.push(await runCapacityTrial(layout, options, { group: run.group, repoRoot: root, postgresUrl: run.postgresUrl, log }));
      } catch (error) {
        throw new SweepError(`the run stopped after ${results.length} of ${options.layouts.length} layouts`, results, { cause: error });
      }
    }
    return results;
  }, write);
}

runMain('capacity', main);
