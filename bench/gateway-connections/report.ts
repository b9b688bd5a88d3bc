import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerMeasurement } from './measure-server.js';
import { SATURATED_SHARE, type GatewayBenchResult } from './run-bench.js';

const MiB = 2 ** 20;
const KiB = 1024;

/** The table printed on stdout: one column per server, the ratio and the verdict below. */
export function formatReport(result: GatewayBenchResult): string {
  const { baseline, aether, settings, machine } = result;
  const rows: Array<[string, (server: ServerMeasurement) => string]> = [
    ['RSS idle, before (MiB)', (s) => (s.rss.before / MiB).toFixed(1)],
    ['RSS with all connected (MiB)', (s) => (s.rss.after / MiB).toFixed(1)],
    ['RSS per connection (KiB)', (s) => (s.rss.perConnection / KiB).toFixed(2)],
    ['  second half only (KiB)', (s) => (s.rss.secondHalfPerConnection / KiB).toFixed(2)],
    ['heapUsed per connection (KiB)', (s) => (s.heapUsed.perConnection / KiB).toFixed(2)],
    ['  second half only (KiB)', (s) => (s.heapUsed.secondHalfPerConnection / KiB).toFixed(2)],
    ['external per connection (KiB)', (s) => (s.external.perConnection / KiB).toFixed(2)],
    ['time to connect all (s)', (s) => (s.connect.elapsedMs / 1000).toFixed(1)],
    ['connections per second', (s) => s.connect.achievedPerSecond.toFixed(0)],
    ['server CPU while connecting', (s) => percent(s.connect.serverCpuShare)],
    ['load CPU while connecting', (s) => percent(s.connect.loadCpuShare)],
    ['load event-loop delay p99 (ms)', (s) => s.connect.loadLoopDelayP99Ms.toFixed(1)],
    ['still connected (clients / server)', (s) => `${s.stillConnected.byClients} / ${s.stillConnected.byServer}`],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const columnWidth = Math.max(baseline.label.length, aether.label.length, 16);
  const line = (label: string, a: string, b: string) => `${label.padEnd(labelWidth)}  ${a.padStart(columnWidth)}  ${b.padStart(columnWidth)}`;
  const out = [
    `Gateway connections: ${settings.connections} idle authenticated connections, server on core ${settings.serverCore}, load on core ${settings.loadCore}`,
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}`,
    '',
    line('', baseline.label, aether.label),
    ...rows.map(([label, cell]) => line(label, cell(baseline), cell(aether))),
    '',
    `Aether / bare, RSS per connection:      ${result.ratio.rss.toFixed(2)}×  (target ≤ ${result.target.maxRssRatio}×: ${result.target.met ? 'met' : 'NOT met'})`,
    `  second half only:                    ${result.ratio.rssSecondHalf.toFixed(2)}×`,
    `Aether / bare, heapUsed per connection: ${result.ratio.heapUsed.toFixed(2)}×  (after forced GC, for reading; the target is on RSS)`,
  ];
  for (const server of [baseline, aether]) {
    if (!server.rss.steady) out.push(`warning: ${server.label}: RSS was still moving when read; repeat the run`);
  }
  for (const server of [baseline, aether]) out.push(`load check, ${server.label}: ${connectLimit(server, settings.ratePerSecond)}`);
  return out.join('\n');
}

/** Writes bench/results/gateway-connections-<time>.json; creates the directory if missing, never touches other files. */
export async function writeResult(result: GatewayBenchResult, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, `gateway-connections-${result.startedAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`, { flag: 'wx' });
  return path;
}

/** Says what bounded the time to connect, from the CPU both sides used and the rate reached. */
function connectLimit(server: ServerMeasurement, offered: number): string {
  const { loadCpuShare, serverCpuShare, achievedPerSecond } = server.connect;
  const cpu = `load ${percent(loadCpuShare)} of its core, server ${percent(serverCpuShare)} of its core`;
  if (loadCpuShare > SATURATED_SHARE) {
    return `warning: the load generator was the limit (${cpu}): the connect time is its, not the server's (memory readings are unaffected)`;
  }
  if (serverCpuShare > SATURATED_SHARE) return `the server was the limit at ${achievedPerSecond.toFixed(0)}/s (${cpu})`;
  if (achievedPerSecond >= RATE_REACHED * offered) {
    return `connections came as fast as offered (${achievedPerSecond.toFixed(0)}/s of --rate ${offered}) with ${cpu}: neither side was the limit`;
  }
  return (
    `${achievedPerSecond.toFixed(0)}/s of --rate ${offered} with neither process saturating its core (${cpu}): ` +
    'handshake round trips under --concurrency, or other work on these cores, set the pace'
  );
}

/** Reaching this share of --rate counts as keeping up with it. */
const RATE_REACHED = 0.95;

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}
