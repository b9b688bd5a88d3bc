import type { TrialResult } from '../trial-result.js';
import { OTHER_LOAD_LIMIT } from '../workload.js';
import { fixed, ms, quantile } from './format.js';

const HEADER = [
  'players',
  'server',
  'tick Hz',
  'tick p50 / p99 ms',
  'CPU cores',
  'RSS MB',
  'seen by other p50 / p99 ms',
  'seen by mover p50 / p99 ms',
  'KB/s per player',
  'msg/s per player',
  'in view',
  'bots ELU',
];

/**
 * The results as a Markdown table, Aether beside the baseline for each crowd
 * size, and footnotes: latencies of a run whose bots were saturated are not
 * shown as the server's.
 */
export function resultsTable(results: readonly TrialResult[], decodeEvery: number): string {
  const notes: string[] = [];
  const rows = results.map((result) => {
    let latency = [`${ms(result.seenByOther.p50Ms)} / ${ms(result.seenByOther.p99Ms)}`, `${ms(result.seenByMover.p50Ms)} / ${ms(result.seenByMover.p99Ms)}`];
    if (result.bots.saturated) {
      notes.push(
        `${result.server} at ${result.players} players: bots saturated (${result.bots.saturated}); its latencies measure the bots, not the server` +
          ` (measured: ${latency.join(', ')} ms). Rerun with --decode-every ${Math.max(2, decodeEvery * 4)}.`,
      );
      latency = ['bots saturated', 'bots saturated'];
    }
    if (result.otherLoad.serverCore > OTHER_LOAD_LIMIT || result.otherLoad.botsCore > OTHER_LOAD_LIMIT) {
      notes.push(
        `${result.server} at ${result.players} players: other processes took ${result.otherLoad.serverCore.toFixed(2)} of the server's core and ` +
          `${result.otherLoad.botsCore.toFixed(2)} of the bots' core during the window; the machine was not quiet.`,
      );
    }
    if (result.bots.disconnected > 0) {
      notes.push(
        `${result.server} at ${result.players} players: ${result.bots.disconnected} bots disconnected during the window (${JSON.stringify(result.bots.disconnectReasons)}).`,
      );
    }
    if (result.bots.decoding > 0 && result.moves > 0 && result.seenByMover.samples === 0) {
      notes.push(
        `${result.server} at ${result.players} players: the bots decoded none of their own state updates; does bot/view-adapters.ts have an adapter for this server's per-tick format?`,
      );
    }
    return [
      String(result.players),
      result.server,
      fixed(result.tick.rateHz, 1),
      `${quantile(result.tick.p50)} / ${quantile(result.tick.p99)}`,
      fixed(result.serverCpuCores, 2),
      fixed(result.serverRssMb, 0),
      ...latency,
      fixed(result.bytesPerPlayerPerSecond / 1000, 1),
      fixed(result.messagesPerPlayerPerSecond, 1),
      fixed(result.inViewPerPlayer, 1),
      fixed(result.bots.eventLoopUtilisation, 2),
    ];
  });
  const table = [HEADER, HEADER.map((_, i) => (i === 1 ? '---' : '---:')), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  return notes.length > 0 ? `${table}\n\n${notes.map((note) => `- ${note}`).join('\n')}` : table;
}
