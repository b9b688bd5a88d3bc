import { repoRoot } from '../common/paths.js';
import { assertCanPin } from '../common/processes/process-group.js';
import { jsonFile, writeResultFiles } from '../common/results-files.js';
import { logWithTime as log, optionsOrExit, runMain } from '../common/run/cli.js';
import { SweepRun } from '../common/run/sweep-run.js';
import { describeCheckout } from '../crowded-zone/report/checkout.js';
import { BOTS_SATURATION, WORKLOAD } from '../crowded-zone/workload.js';
import { GATEWAY_IDS, SHARED_CORE, ZONE_CORE, ZONE_SERVER_ID } from './cluster.js';
import { parseOptions, USAGE } from './options.js';
import { distributedTable } from './report.js';
import { runDistributedSweep } from './sweep.js';
import type { DistributedResult } from './trial.js';

/**
 * `make bench-zone-distributed`: crowded-zone's workload against the
 * distributed deployment (Redis, one zone server, two gateways). Prints a
 * table, writes JSON and the table under --out. Every child process (Redis,
 * servers, bots, PostgreSQL) is stopped on the way out, whatever the way out is,
 * and the whole run is bounded by --max-minutes.
 */
async function main(): Promise<void> {
  const root = repoRoot();
  const options = optionsOrExit('distributed-zone', USAGE, () => parseOptions(process.argv.slice(2), root));
  if (!options) return;
  assertCanPin([ZONE_CORE, SHARED_CORE]);

  const run = new SweepRun({ benchmark: 'distributed-zone', stops: 'Redis, the servers and the bots' });
  run.abortOnSignals({ SIGINT: 130, SIGTERM: 143 });
  setTimeout(() => run.abort(`still running after --max-minutes ${options.maxMinutes}`, 124), options.maxMinutes * 60_000).unref();

  const write = async (results: DistributedResult[], error?: unknown) => {
    const table = distributedTable(results, options.decodeEvery);
    const report = {
      ...run.reportHeader(error),
      options,
      serverUnderTest: describeCheckout(root),
      workload: WORKLOAD,
      deployment: {
        redis: 'one redis-server (no persistence)',
        zoneServer: { serverId: ZONE_SERVER_ID, assignedZones: [WORKLOAD.zoneId], script: 'zone/dist/main.js' },
        gateways: GATEWAY_IDS.map((id) => ({ serverId: id, script: 'gateway/dist/gateway-main.js', bots: 'every other bot' })),
      },
      cores: { zoneServer: ZONE_CORE, gateways: SHARED_CORE, redis: SHARED_CORE, bots: SHARED_CORE, postgres: 'unpinned' },
      botsSaturation: BOTS_SATURATION,
      notes: {
        cores: 'a 2-core machine: the zone server has core 0 to itself; Redis, both gateways and the bots process share core 1',
        tickPercentiles: 'interpolated inside the buckets of aether_zone_tick_duration_seconds{zone="bench-field"} from the zone server\u2019s /metrics',
        cpuCores: 'utime + stime of each process over the window (/proc/<pid>/stat), in cores',
        redisTraffic:
          'deltas of INFO stats total_commands_processed, total_net_input_bytes, total_net_output_bytes over the window (the two INFO calls included)',
        bytes: 'read on the bots\u2019 TCP sockets over the window, WebSocket framing included',
        messages: 'Socket.IO events received',
        seenByOther: 'move sent by a bot until another bot (through either gateway) first sees the new heading',
      },
      results,
    };
    const files = await writeResultFiles(options.out, run.resultsBase, { json: jsonFile(report), md: `${table}\n` });
    process.stdout.write(`\n${table}\n\nwritten: ${files.json}\n         ${files.md}\n`);
  };

  log(
    `distributed zone: ${options.players.join(', ')} players over 2 gateways, warm-up ${options.warmup} s, window ${options.seconds} s, decode every ${options.decodeEvery}`,
  );
  await run.complete(
    () =>
      runDistributedSweep(
        {
          players: options.players,
          warmupSeconds: options.warmup,
          measureSeconds: options.seconds,
          decodeEvery: options.decodeEvery,
          rampPerSecond: options.ramp,
          seed: options.seed,
          quietWaitSeconds: options.quiet,
        },
        { group: run.group, repoRoot: root, postgresUrl: run.postgresUrl, log },
      ),
    write,
  );
}

runMain('distributed-zone', main);
