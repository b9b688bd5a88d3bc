import { describeErrorChain } from '@aether/shared/process';
import { startPostgresServer, type PostgresServer } from '@aether/shared/testing';
import { assertCanPin, childProcesses, postgresScratchDir, ProcessGroup } from '../crowded-zone/processes/process-group.js';
import { describeMachine } from '../common/machine.js';
import { describeCheckout } from '../crowded-zone/report/checkout.js';
import { BOTS_SATURATION, WORKLOAD } from '../crowded-zone/workload.js';
import { GATEWAY_IDS, SHARED_CORE, ZONE_CORE, ZONE_SERVER_ID } from './cluster.js';
import { OptionsError, parseOptions, USAGE, type DistributedOptions } from './options.js';
import { distributedPaths } from './paths.js';
import { distributedTable, writeDistributedResults } from './report.js';
import { DistributedSweepError, runDistributedSweep } from './sweep.js';
import type { DistributedResult } from './trial.js';

/**
 * `make bench-zone-distributed`: crowded-zone's workload against the
 * distributed deployment (Redis, one zone server, two gateways). Prints a
 * table, writes JSON and the table under --out. Every child process (Redis,
 * servers, bots, PostgreSQL) is stopped on the way out, whatever the way out is,
 * and the whole run is bounded by --max-minutes.
 */
async function main(): Promise<void> {
  const { repoRoot } = distributedPaths();
  let parsed: DistributedOptions | 'help';
  try {
    parsed = parseOptions(process.argv.slice(2), repoRoot);
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    process.stderr.write(`distributed-zone: ${error.message}\n`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = parsed;
  assertCanPin([ZONE_CORE, SHARED_CORE]);

  const group = new ProcessGroup();
  let postgres: Promise<PostgresServer> | undefined;
  let releasePostgres: (() => void) | undefined;
  const startPostgres = async () => {
    const server = await startPostgresServer();
    const [postmaster] = childProcesses('postgres');
    if (postmaster) releasePostgres = group.adopt(postmaster.pid, postgresScratchDir(postmaster.args)).release;
    return server;
  };
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await group.stopAll(5000);
      await (await postgres?.catch(() => undefined))?.stop();
      releasePostgres?.();
      group.dispose();
    })());
  let stopping = false;
  const abort = (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\ndistributed-zone: ${why}: stopping Redis, the servers and the bots\n`);
    // Bounded: whatever hangs, the exit handlers still SIGKILL the children (and the watchdog the rest).
    setTimeout(() => process.exit(code), 20_000).unref();
    void cleanUp().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => abort('SIGINT', 130));
  process.on('SIGTERM', () => abort('SIGTERM', 143));
  setTimeout(() => abort(`still running after --max-minutes ${options.maxMinutes}`, 124), options.maxMinutes * 60_000).unref();

  const startedAt = new Date();
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const write = async (results: DistributedResult[], error?: unknown) => {
    const table = distributedTable(results, options.decodeEvery);
    const report = {
      benchmark: 'distributed-zone',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ...(error ? { incomplete: describeErrorChain(error, 10) } : {}),
      machine: describeMachine(),
      options,
      serverUnderTest: describeCheckout(repoRoot),
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
        redisTraffic: 'deltas of INFO stats total_commands_processed, total_net_input_bytes, total_net_output_bytes over the window (the two INFO calls included)',
        bytes: 'read on the bots\u2019 TCP sockets over the window, WebSocket framing included',
        messages: 'Socket.IO events received',
        seenByOther: 'move sent by a bot until another bot (through either gateway) first sees the new heading',
      },
      results,
    };
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const files = await writeDistributedResults(options.out, stamp, { json: report, table });
    process.stdout.write(`\n${table}\n\nwritten: ${files.json}\n         ${files.table}\n`);
  };

  try {
    log(`distributed zone: ${options.players.join(', ')} players over 2 gateways, warm-up ${options.warmup} s, window ${options.seconds} s, decode every ${options.decodeEvery}`);
    let results: DistributedResult[];
    try {
      results = await runDistributedSweep(
        {
          players: options.players,
          warmupSeconds: options.warmup,
          measureSeconds: options.seconds,
          decodeEvery: options.decodeEvery,
          rampPerSecond: options.ramp,
          seed: options.seed,
          quietWaitSeconds: options.quiet,
        },
        { group, repoRoot, postgresUrl: async () => (await (postgres ??= startPostgres())).url, log },
      );
    } catch (error) {
      if (error instanceof DistributedSweepError && error.results.length > 0) await write(error.results, error);
      throw error;
    }
    await write(results);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`distributed-zone: ${describeErrorChain(error, 10)}\n`);
  process.exitCode = 1;
});
