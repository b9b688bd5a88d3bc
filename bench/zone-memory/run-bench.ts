import { describeMachine, type Machine } from '../common/machine.js';
import { repoRoot, workerScript } from './paths.js';
import type { PlainMeasurement } from './plain-players.js';
import type { BreakdownRow } from './heap-breakdown.js';
import { runWorker } from './worker-process.js';
import type { ZoneMeasurement, ZoneRunSpec } from './zone-measure.js';

/** What every zone run of a bench is given, whatever its size. */
type ZoneRunSettings = Omit<ZoneRunSpec, 'players' | 'joinTimeoutMs' | 'breakdown'>;

export interface ZoneMemorySettings extends ZoneRunSettings {
  players: number[];
  core: number;
  /** Memory per player the zone may retain (heapUsed + external), bytes. */
  targetBytes: number;
  /** Heap snapshot census: when a size is over the target (auto), always, or never. */
  breakdown: 'auto' | 'always' | 'never';
  workerTimeoutMs: number;
}

interface ZoneMemoryRow {
  players: number;
  zone: ZoneMeasurement;
  plain: PlainMeasurement;
  /**
   * (full − empty) ÷ players, bytes. `retained` = heapUsed + external: what
   * is still alive after forced collections, on the V8 heap and in
   * ArrayBuffer backing stores beside it (the zone's view keeps typed arrays),
   * which heapUsed alone would leave out.
   */
  perPlayer: { retained: number; heapUsed: number; external: number; rss: number; plainRetained: number; plainRss: number };
  /** retained ≤ target. */
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
  target: { bytesPerPlayer: number; on: 'heapUsed + external'; met: boolean };
  breakdown?: { players: number; retainedPerPlayer: number; rows: BreakdownRow[] };
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
  const { players: _sizes, core: _core, targetBytes: _target, breakdown: _breakdown, workerTimeoutMs: _timeout, ...runSettings } = settings;
  const spec = (players: number, breakdown: boolean): ZoneRunSpec => ({ ...runSettings, players, joinTimeoutMs: 30_000 + players * 20, breakdown });

  const rows: ZoneMemoryRow[] = [];
  for (const players of settings.players) {
    log(`${players} players: plain baseline`);
    const plain = (await runWorker(script, { mode: 'plain', players, zoneSize: settings.zoneSize }, settings.core, settings.workerTimeoutMs, signal))
      .result as PlainMeasurement;
    log(`${players} players: zone (joining, walking ${settings.walkMs / 1000} s)`);
    const zone = (await runWorker(script, { mode: 'zone', ...spec(players, false) }, settings.core, settings.workerTimeoutMs, signal))
      .result as ZoneMeasurement;
    const per = (full: number, empty: number) => (full - empty) / players;
    const perPlayer = {
      retained: per(zone.full.heapUsed + zone.full.external, zone.empty.heapUsed + zone.empty.external),
      heapUsed: per(zone.full.heapUsed, zone.empty.heapUsed),
      external: per(zone.full.external, zone.empty.external),
      rss: per(zone.full.rss, zone.empty.rss),
      plainRetained: per(plain.full.heapUsed + plain.full.external, plain.empty.heapUsed + plain.empty.external),
      plainRss: per(plain.full.rss, plain.empty.rss),
    };
    rows.push({
      players,
      zone,
      plain,
      perPlayer,
      meetsTarget: perPlayer.retained <= settings.targetBytes,
      ticksKeptUp: zone.walk.ticks >= TICKS_KEPT_UP * zone.walk.ticksExpected,
    });
  }

  const result: ZoneMemoryResult = {
    benchmark: 'zone-memory',
    startedAt,
    machine: describeMachine(),
    settings,
    rows,
    target: { bytesPerPlayer: settings.targetBytes, on: 'heapUsed + external', met: rows.every((row) => row.meetsTarget) },
  };
  const over = rows.filter((row) => !row.meetsTarget);
  const breakdownAt = settings.breakdown === 'always' ? rows.at(-1) : settings.breakdown === 'auto' ? over.at(-1) : undefined;
  if (breakdownAt) {
    log(`${breakdownAt.players} players: heap snapshots for the breakdown`);
    const zone = (await runWorker(script, { mode: 'zone', ...spec(breakdownAt.players, true) }, settings.core, settings.workerTimeoutMs, signal))
      .result as ZoneMeasurement;
    result.breakdown = {
      players: breakdownAt.players,
      retainedPerPlayer: (zone.full.heapUsed + zone.full.external - zone.empty.heapUsed - zone.empty.external) / breakdownAt.players,
      rows: zone.breakdown ?? [],
    };
  }
  return result;
}
