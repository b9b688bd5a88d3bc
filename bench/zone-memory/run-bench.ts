import { describeMachine, type Machine } from './machine.js';
import { repoRoot, workerScript } from './paths.js';
import type { PlainMeasurement } from './plain-players.js';
import type { BreakdownRow } from './heap-breakdown.js';
import { runWorker } from './worker-process.js';
import type { ZoneMeasurement, ZoneRunSpec } from './zone-measure.js';

export interface ZoneMemorySettings {
  players: number[];
  walkMs: number;
  warmupPlayers: number;
  warmupWalkMs: number;
  zoneSize: number;
  tickRate: number;
  gateways: number;
  /** Walking speed, metres per second. */
  speed: number;
  turnEverySeconds: number;
  samples: number;
  sampleIntervalMs: number;
  core: number;
  /** Heap per player the zone may use, bytes. */
  targetBytes: number;
  /** Heap snapshot census: when a size is over the target (auto), always, or never. */
  breakdown: 'auto' | 'always' | 'never';
  workerTimeoutMs: number;
  seed: number;
}

export interface ZoneMemoryRow {
  players: number;
  zone: ZoneMeasurement;
  plain: PlainMeasurement;
  /** (full − empty) ÷ players, bytes. */
  perPlayer: { heapUsed: number; rss: number; plainHeapUsed: number; plainRss: number };
  meetsTarget: boolean;
  /** The zone ran at least 90 % of the ticks it should have while they walked. */
  ticksKeptUp: boolean;
}

export interface ZoneMemoryResult {
  benchmark: 'zone-memory';
  startedAt: string;
  machine: Machine;
  settings: ZoneMemorySettings;
  rows: ZoneMemoryRow[];
  target: { bytesPerPlayer: number; on: 'heapUsed'; met: boolean };
  breakdown?: { players: number; heapUsedPerPlayer: number; rows: BreakdownRow[] };
}

const TICKS_KEPT_UP = 0.9;

/**
 * For each N: the plain baseline and the zone, each in a fresh pinned worker;
 * then, if asked or if a size misses the target, a separate worker that
 * takes heap snapshots to show what the zone's memory is made of.
 */
export async function runZoneMemoryBench(
  settings: ZoneMemorySettings,
  { log = () => {}, signal }: { log?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<ZoneMemoryResult> {
  const startedAt = new Date().toISOString();
  const script = await workerScript(repoRoot());
  const spec = (players: number, breakdown: boolean): ZoneRunSpec => ({
    players,
    warmupPlayers: settings.warmupPlayers,
    warmupWalkMs: settings.warmupWalkMs,
    walkMs: settings.walkMs,
    zoneSize: settings.zoneSize,
    tickRate: settings.tickRate,
    gateways: settings.gateways,
    speed: settings.speed,
    turnEverySeconds: settings.turnEverySeconds,
    samples: settings.samples,
    sampleIntervalMs: settings.sampleIntervalMs,
    joinTimeoutMs: 30_000 + players * 20,
    seed: settings.seed,
    breakdown,
  });

  const rows: ZoneMemoryRow[] = [];
  for (const players of settings.players) {
    log(`${players} players: plain baseline`);
    const plain = (await runWorker(script, { mode: 'plain', players, zoneSize: settings.zoneSize }, settings.core, settings.workerTimeoutMs, signal)).result as PlainMeasurement;
    log(`${players} players: zone (joining, walking ${settings.walkMs / 1000} s)`);
    const zone = (await runWorker(script, { mode: 'zone', ...spec(players, false) }, settings.core, settings.workerTimeoutMs, signal)).result as ZoneMeasurement;
    const perPlayer = {
      heapUsed: (zone.full.heapUsed - zone.empty.heapUsed) / players,
      rss: (zone.full.rss - zone.empty.rss) / players,
      plainHeapUsed: (plain.full.heapUsed - plain.empty.heapUsed) / players,
      plainRss: (plain.full.rss - plain.empty.rss) / players,
    };
    rows.push({
      players,
      zone,
      plain,
      perPlayer,
      meetsTarget: perPlayer.heapUsed <= settings.targetBytes,
      ticksKeptUp: zone.walk.ticks >= TICKS_KEPT_UP * zone.walk.ticksExpected,
    });
  }

  const result: ZoneMemoryResult = {
    benchmark: 'zone-memory',
    startedAt,
    machine: describeMachine(),
    settings,
    rows,
    target: { bytesPerPlayer: settings.targetBytes, on: 'heapUsed', met: rows.every((row) => row.meetsTarget) },
  };
  const over = rows.filter((row) => !row.meetsTarget);
  const breakdownAt = settings.breakdown === 'always' ? rows.at(-1) : settings.breakdown === 'auto' ? over.at(-1) : undefined;
  if (breakdownAt) {
    log(`${breakdownAt.players} players: heap snapshots for the breakdown`);
    const zone = (await runWorker(script, { mode: 'zone', ...spec(breakdownAt.players, true) }, settings.core, settings.workerTimeoutMs, signal)).result as ZoneMeasurement;
    result.breakdown = {
      players: breakdownAt.players,
      heapUsedPerPlayer: (zone.full.heapUsed - zone.empty.heapUsed) / breakdownAt.players,
      rows: zone.breakdown ?? [],
    };
  }
  return result;
}
