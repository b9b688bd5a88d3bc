import { describe, expect, it, jest } from '@jest/globals';
import { formatReport } from './report.js';
import { runZoneMemoryBench } from './run-bench.js';

// A few seconds of the benchmark on 50 players: the worker really joins and
// walks them on a zone host, the deltas come out positive, and the heap
// snapshot census runs. Needs the build (workers run compiled code).
jest.setTimeout(90_000);

const PLAYERS = 50;

describe('zone-memory benchmark', () => {
  it(`measures ${PLAYERS} walking players against an empty zone and a plain Map, with a heap census`, async () => {
    const result = await runZoneMemoryBench({
      players: [PLAYERS],
      walkMs: 1500,
      warmupPlayers: 5,
      warmupWalkMs: 500,
      zoneSize: 1000,
      tickRate: 20,
      gateways: 2,
      speed: 3,
      turnEverySeconds: 1,
      samples: 3,
      sampleIntervalMs: 100,
      core: 0,
      targetBytes: 20 * 1024,
      breakdown: 'always',
      workerTimeoutMs: 60_000,
      seed: 1,
    });

    expect(result.rows).toHaveLength(1);
    const [row] = result.rows;
    expect(row!.players).toBe(PLAYERS);
    // Fifty players with their world entries, rosters and bookkeeping cannot fit in nothing.
    expect(row!.zone.full.heapUsed).toBeGreaterThan(row!.zone.empty.heapUsed);
    expect(row!.perPlayer.heapUsed).toBeGreaterThan(200);
    expect(row!.perPlayer.retained).toBeCloseTo(row!.perPlayer.heapUsed + row!.perPlayer.external, 6);
    expect(row!.perPlayer.retained).toBeLessThan(10 * 1024 * 1024);
    expect(row!.perPlayer.plainRetained).toBeGreaterThan(50);
    expect(row!.perPlayer.plainRetained).toBeLessThan(row!.perPlayer.retained);
    expect(Number.isFinite(row!.perPlayer.rss)).toBe(true);
    expect(row!.meetsTarget).toBe(row!.perPlayer.retained <= 20 * 1024);
    // The players walked: ticks ran and the zone told the gateways about it.
    expect(row!.zone.walk.ticks).toBeGreaterThan(10);
    expect(row!.zone.walk.movesPublished).toBeGreaterThanOrEqual(PLAYERS);
    expect(row!.zone.walk.delivered.batches).toBeGreaterThan(0);
    expect(row!.zone.walk.delivered.messages + row!.zone.walk.delivered.frames).toBeGreaterThan(0);

    expect(result.breakdown?.players).toBe(PLAYERS);
    expect(result.breakdown?.rows.length).toBeGreaterThan(5);
    expect(result.breakdown!.rows.reduce((sum, r) => sum + r.bytes, 0)).toBeGreaterThan(0);

    expect(formatReport(result)).toContain('What grew with 50 players');
  });
});
