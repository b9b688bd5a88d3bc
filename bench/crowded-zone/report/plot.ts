import type { ServerKind } from '../servers/server-under-test.js';
import type { TrialResult } from '../trial-result.js';
import { svgDocument, type ChartSeries } from './svg-chart.js';

const COLOURS: Record<ServerKind, string> = { aether: '#1f77b4', baseline: '#d62728' };
const NAMES: Record<ServerKind, string> = { aether: 'Aether', baseline: 'bare Socket.IO baseline' };

/** p99 move → seen (by another player) and server CPU against crowd size, both servers. */
export function resultsPlot(results: readonly TrialResult[]): string {
  const servers = [...new Set(results.map((result) => result.server))];
  const series = (value: (result: TrialResult) => number | null, caveat: (result: TrialResult) => boolean): ChartSeries[] =>
    servers.map((server) => ({
      name: NAMES[server],
      colour: COLOURS[server],
      points: results
        .filter((result) => result.server === server)
        .flatMap((result) => {
          const y = value(result);
          return y === null ? [] : [{ x: result.players, y, caveat: caveat(result) }];
        }),
    }));
  return svgDocument([
    {
      title: 'p99 move → seen by another player',
      xLabel: 'players in the zone',
      yLabel: 'milliseconds (log scale)',
      logY: true,
      series: series(
        (result) => result.seenByOther.p99Ms,
        (result) => result.bots.saturated !== null,
      ),
      note: 'hollow: bots saturated, the latency is the bots\u2019 as much as the server\u2019s',
    },
    {
      title: 'Server CPU',
      xLabel: 'players in the zone',
      yLabel: 'cores (utime + stime)',
      series: series(
        (result) => result.serverCpuCores,
        () => false,
      ),
      note: 'the server process only, pinned to one core',
    },
  ]);
}
