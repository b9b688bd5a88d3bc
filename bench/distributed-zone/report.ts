import { fixed, ms, quantile } from '../crowded-zone/report/format.js';
import { OTHER_LOAD_LIMIT } from '../crowded-zone/workload.js';
import type { DistributedResult } from './trial.js';

/** Busier than this (in cores), the core the gateways, Redis and the bots share is what they wait for. */
const SHARED_CORE_SATURATED = 0.85;

const HEADER = [
  'players',
  'zone tick Hz',
  'tick p50 / p99 ms',
  'zone CPU / RSS MB',
  'gw-a CPU / RSS MB',
  'gw-b CPU / RSS MB',
  'Redis CPU',
  'Redis cmd/s',
  'Redis in / out MB/s',
  'seen by other p50 / p99 ms',
  'seen by mover p50 / p99 ms',
  'KB/s per player',
  'msg/s per player',
  'in view',
  'bots CPU / ELU',
];

/** The results as a Markdown table with footnotes, in crowded-zone's manner (saturated bots: no latencies shown as the servers'). */
export function distributedTable(results: readonly DistributedResult[], decodeEvery: number): string {
  const notes: string[] = [];
  const rows = results.map((result) => {
    let latency = [`${ms(result.seenByOther.p50Ms)} / ${ms(result.seenByOther.p99Ms)}`, `${ms(result.seenByMover.p50Ms)} / ${ms(result.seenByMover.p99Ms)}`];
    const sharedCoreFull = result.coreBusy.sharedCore > SHARED_CORE_SATURATED;
    if (result.bots.saturated) {
      // On a full shared core the bots wait for the gateways and Redis as much as for their own decoding.
      const hint = sharedCoreFull
        ? 'the core they share with the gateways and Redis was full, so decoding less helps little: give the bots a core of their own'
        : `rerun with --decode-every ${Math.max(2, decodeEvery * 4)}`;
      notes.push(
        `${result.players} players: bots saturated (${result.bots.saturated}); its latencies measure the bots' core, not the servers` +
          ` (measured: ${latency.join(', ')} ms); ${hint}.`,
      );
      latency = ['bots saturated', 'bots saturated'];
    }
    if (result.otherLoad.zoneCore > OTHER_LOAD_LIMIT || result.otherLoad.sharedCore > OTHER_LOAD_LIMIT) {
      const names = result.otherLoad.busiestOthers.map((other) => `${other.command.slice(0, 50)} ${other.cores.toFixed(2)}`).join('; ');
      notes.push(
        `${result.players} players: other processes took ${result.otherLoad.zoneCore.toFixed(2)} of the zone server's core and ` +
          `${result.otherLoad.sharedCore.toFixed(2)} of the shared core during the window (busiest: ${names || 'none'}).`,
      );
    }
    if (sharedCoreFull) {
      notes.push(
        `${result.players} players: the shared core was ${(result.coreBusy.sharedCore * 100).toFixed(0)} % busy (gateways ` +
          `${result.gateways.map((g) => g.cpuCores.toFixed(2)).join(' + ')}, Redis ${result.redis.cpuCores.toFixed(2)}, bots ${result.bots.cpuCores.toFixed(2)} cores): ` +
          `latencies include waiting for that core, and the gateways' CPU is capped by it.`,
      );
    }
    if (result.bots.disconnected > 0) {
      notes.push(
        `${result.players} players: ${result.bots.disconnected} bots disconnected during the window (${JSON.stringify(result.bots.disconnectReasons)}).`,
      );
    }
    const gateway = (i: number) => {
      const found = result.gateways[i];
      return found ? `${fixed(found.cpuCores, 2)} / ${fixed(found.rssMb, 0)}` : '—';
    };
    return [
      String(result.players),
      fixed(result.tick.rateHz, 1),
      `${quantile(result.tick.p50)} / ${quantile(result.tick.p99)}`,
      `${fixed(result.zone.cpuCores, 2)} / ${fixed(result.zone.rssMb, 0)}`,
      gateway(0),
      gateway(1),
      fixed(result.redis.cpuCores, 2),
      fixed(result.redis.commandsPerSecond, 0),
      `${fixed(result.redis.inputBytesPerSecond / 1e6, 2)} / ${fixed(result.redis.outputBytesPerSecond / 1e6, 2)}`,
      ...latency,
      fixed(result.bytesPerPlayerPerSecond / 1000, 1),
      fixed(result.messagesPerPlayerPerSecond, 1),
      fixed(result.inViewPerPlayer, 1),
      `${fixed(result.bots.cpuCores, 2)} / ${fixed(result.bots.eventLoopUtilisation, 2)}`,
    ];
  });
  const table = [HEADER, HEADER.map(() => '---:'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  return notes.length > 0 ? `${table}\n\n${notes.map((note) => `- ${note}`).join('\n')}` : table;
}
