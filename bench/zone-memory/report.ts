import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ZoneMemoryResult } from './run-bench.js';

const KiB = 1024;
const MiB = 2 ** 20;

/** The tables printed on stdout: memory per player, then how the zone and the load fared. */
export function formatReport(result: ZoneMemoryResult): string {
  const { machine, settings } = result;
  const memory = table(
    [
      'players',
      'retained/player KiB',
      'of it heap',
      'of it external',
      'plain/player KiB',
      'zone ÷ plain',
      'RSS/player KiB',
      'heap resident/player KiB',
      'young gen resident MiB',
      `≤ ${settings.targetBytes / KiB} KiB`,
    ],
    result.rows.map((row) => [
      String(row.players),
      kib(row.perPlayer.retained),
      kib(row.perPlayer.heapUsed),
      kib(row.perPlayer.external),
      kib(row.perPlayer.plainRetained),
      `${(row.perPlayer.retained / row.perPlayer.plainRetained).toFixed(0)}×`,
      kib(row.perPlayer.rss),
      kib((row.zone.full.heapResident - row.zone.empty.heapResident) / row.players),
      `${(row.zone.empty.newSpaceResident / MiB).toFixed(1)}→${(row.zone.full.newSpaceResident / MiB).toFixed(1)}`,
      row.meetsTarget ? 'met' : 'NOT met',
    ]),
  );
  const load = table(
    ['players', 'join ms', 'ticks run/expected', 'tick mean ms', 'overruns', 'worker CPU', 'moves sent', 'time sending', 'frames + messages out'],
    result.rows.map(({ players, zone }) => [
      String(players),
      zone.joinMs.toFixed(0),
      `${zone.walk.ticks}/${zone.walk.ticksExpected}`,
      zone.walk.tickMeanMs.toFixed(2),
      String(zone.walk.tickOverruns),
      percent(zone.walk.cpuShare),
      String(zone.walk.movesPublished),
      percent(zone.walk.walkerBusyShare),
      String(zone.walk.delivered.frames + zone.walk.delivered.messages),
    ]),
  );
  const out = [
    `Zone memory per player: one ${settings.zoneSize} × ${settings.zoneSize} m zone, ${settings.tickRate} Hz, players walking at ${settings.speed} m/s over ${settings.gateways} gateways, worker on core ${settings.core}`,
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}`,
    'per player = (N players walking − the zone running empty) ÷ N, read after forced GC; retained = V8 heapUsed + external (ArrayBuffer stores);',
    'plain = the same players as a Map of {id, x, y, z, heading, speed}',
    '',
    ...memory,
    '',
    `target ≤ ${settings.targetBytes / KiB} KiB retained per player: ${
      result.target.met
        ? 'met at every size'
        : `NOT met at ${result.rows
            .filter((r) => !r.meetsTarget)
            .map((r) => r.players)
            .join(', ')} players`
    }`,
    ...marginal(result),
    '',
    'While they walked (the stand-in gateways run in the same process; "time sending" is their share of the wall time):',
    ...load,
  ];
  for (const row of result.rows) {
    if (row.ticksKeptUp) continue;
    const { ticks, ticksExpected, cpuShare } = row.zone.walk;
    const why =
      cpuShare < 0.9
        ? `the worker used only ${percent(cpuShare)} of its core: other work on that core, or single long ticks the loop skipped past, held it back; rerun on a quiet machine`
        : 'the zone used its whole core and fell behind';
    out.push(`warning: ${row.players} players: only ${ticks} of ${ticksExpected} ticks ran: ${why}`);
  }
  if (result.breakdown) {
    const { breakdown } = result;
    out.push(
      '',
      `What grew with ${breakdown.players} players (heap snapshot census, empty → full; ${kib(breakdown.retainedPerPlayer)} KiB retained per player in that run):`,
    );
    out.push(
      ...table(
        ['constructor / kind', 'count Δ', 'KiB Δ', 'B/player'],
        breakdown.rows.map((row) => [row.what, String(row.count), (row.bytes / KiB).toFixed(0), (row.bytes / breakdown.players).toFixed(0)]),
        [false, true, true, true],
      ),
    );
  }
  return out.join('\n');
}

/**
 * Cost of each extra player between consecutive sizes: fixed costs that grow
 * with load but not with players (the young generation filling up under a
 * busy tick loop) cancel out here, so this is the closer reading of RSS.
 */
function marginal(result: ZoneMemoryResult): string[] {
  const rows = [...result.rows].sort((a, b) => a.players - b.players);
  const lines: string[] = [];
  for (let i = 1; i < rows.length; i += 1) {
    const [low, high] = [rows[i - 1]!, rows[i]!];
    const extra = high.players - low.players;
    const per = (pick: (row: typeof low) => number) => kib((pick(high) - pick(low)) / extra);
    lines.push(
      `each player from ${low.players} to ${high.players}: retained ${per((r) => r.zone.full.heapUsed + r.zone.full.external - r.zone.empty.heapUsed - r.zone.empty.external)} KiB, ` +
        `RSS ${per((r) => r.zone.full.rss - r.zone.empty.rss)} KiB`,
    );
  }
  return lines;
}

function table(header: string[], body: string[][], alignRight: boolean[] = header.map(() => true)): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (alignRight[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  return [line(header), ...body.map(line)];
}

/** Writes bench/results/zone-memory-<time>.json; creates the directory if missing, never touches other files. */
export async function writeResult(result: ZoneMemoryResult, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, `zone-memory-${result.startedAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`, { flag: 'wx' });
  return path;
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function kib(bytes: number): string {
  return (bytes / KiB).toFixed(2);
}
