import { fixed, quantile } from '../crowded-zone/report/format.js';
import { OTHER_LOAD_LIMIT } from '../crowded-zone/workload.js';
import type { CapacityResult } from './trial.js';

/** Busier than this (in cores), the core the gateways, Redis and the bots share is what they wait for. */
const SHARED_CORE_SATURATED = 0.85;

const HEADER = [
  'zone servers × gateways',
  'players',
  'zones',
  'tick Hz (min)',
  'tick p99 ms (worst zone)',
  'zone CPU ms/s per player',
  'gateway CPU ms/s per player',
  'Redis cmd/s',
  'Redis cmd/s per player',
  'Redis in / out B/s per player',
  'PG commits/s per player',
  'PG rows written/s per player',
  'PG WAL B/s per player',
  'bots ELU',
  'shared core busy',
];

/** Per player per second: the figures the capacity model scales (docs/capacity.md). */
export function perPlayer(result: CapacityResult) {
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const n = result.players;
  return {
    redisCommands: result.redis.commandsPerSecond / n,
    redisInputBytes: result.redis.inputBytesPerSecond / n,
    redisOutputBytes: result.redis.outputBytesPerSecond / n,
    redisCommandsByName: Object.fromEntries(Object.entries(result.redis.commandsPerSecondByName).map(([name, rate]) => [name, rate / n])),
    postgresCommits: result.postgres.commitsPerSecond / n,
    postgresRowsWritten: result.postgres.rowsWrittenPerSecond / n,
    postgresWalBytes: result.postgres.walBytesPerSecond / n,
    /** CPU milliseconds per second (thousandths of a core) per player. */
    zoneCpuMs: (sum(result.zoneServers.map((server) => server.cpuCores)) * 1000) / n,
    gatewayCpuMs: (sum(result.gateways.map((gateway) => gateway.cpuCores)) * 1000) / n,
  };
}

/** The layouts side by side as a Markdown table, then the busiest Redis commands per player, then footnotes. */
export function capacityTable(results: readonly CapacityResult[]): string {
  const notes: string[] = [];
  const rows = results.map((result) => {
    const name = `${result.layout.zoneServers} × ${result.layout.gateways}`;
    const per = perPlayer(result);
    const slowest = result.ticks.reduce((worst, entry) => ((entry.tick.p99.ms ?? Infinity) > (worst.tick.p99.ms ?? Infinity) ? entry : worst));
    const minRate = Math.min(...result.ticks.map((entry) => entry.tick.rateHz));
    if (result.bots.saturated) notes.push(`${name}: bots saturated (${result.bots.saturated}): the load generator, not the servers, set the pace.`);
    if (result.coreBusy.sharedCore > SHARED_CORE_SATURATED) {
      notes.push(`${name}: the shared core was ${(result.coreBusy.sharedCore * 100).toFixed(0)} % busy: the gateways' CPU is capped by it.`);
    }
    if (result.otherLoad.zoneCore > OTHER_LOAD_LIMIT || result.otherLoad.sharedCore > OTHER_LOAD_LIMIT) {
      const names = result.otherLoad.busiestOthers.map((other) => `${other.command.slice(0, 50)} ${other.cores.toFixed(2)}`).join('; ');
      notes.push(
        `${name}: other processes took ${result.otherLoad.zoneCore.toFixed(2)} of the zone servers' core and ${result.otherLoad.sharedCore.toFixed(2)} of the shared core (busiest: ${names || 'none'}).`,
      );
    }
    if (result.bots.disconnected > 0)
      notes.push(`${name}: ${result.bots.disconnected} bots disconnected during the window (${JSON.stringify(result.bots.disconnectReasons)}).`);
    return [
      name,
      String(result.players),
      String(result.zones),
      fixed(minRate, 1),
      `${quantile(slowest.tick.p99)} (${slowest.zoneId})`,
      fixed(per.zoneCpuMs, 2),
      fixed(per.gatewayCpuMs, 2),
      fixed(result.redis.commandsPerSecond, 0),
      fixed(per.redisCommands, 2),
      `${fixed(per.redisInputBytes, 0)} / ${fixed(per.redisOutputBytes, 0)}`,
      fixed(per.postgresCommits, 3),
      fixed(per.postgresRowsWritten, 3),
      fixed(per.postgresWalBytes, 0),
      fixed(result.bots.eventLoopUtilisation, 2),
      fixed(result.coreBusy.sharedCore, 2),
    ];
  });
  const markdown = (header: readonly string[], body: readonly string[][]) =>
    [header, header.map(() => '---:'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  const commandNames = [...new Set(results.flatMap((result) => Object.keys(result.redis.commandsPerSecondByName).slice(0, 5)))];
  const byCommand = markdown(
    ['zone servers × gateways', ...commandNames.map((command) => `${command}/s per player`)],
    results.map((result) => [
      `${result.layout.zoneServers} × ${result.layout.gateways}`,
      ...commandNames.map((command) => fixed(perPlayer(result).redisCommandsByName[command] ?? 0, 3)),
    ]),
  );
  const tables = `${markdown(HEADER, rows)}\n\n${byCommand}`;
  return notes.length > 0 ? `${tables}\n\n${notes.map((note) => `- ${note}`).join('\n')}` : tables;
}
