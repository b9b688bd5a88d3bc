import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { repoRoot } from '../common/paths.js';
import { ProcessGroup } from '../common/processes/process-group.js';
import { expectMovesSeen, expectTicksAt20Hz, runSmokeSweep } from '../common/smoke.test-helpers.js';
import { distributedTable } from './report.js';
import { runDistributedSweep } from './sweep.js';
import type { DistributedResult } from './trial.js';

// A few seconds of the distributed-zone bench on a handful of players standing
// close together: Redis, the zone server, two gateways and the bots, each its
// own process, end to end. The servers and the bots run compiled (make build
// first); the database server is the harness's (TEST_DATABASE_URL).

jest.setTimeout(55_000);

const PLAYERS = 6;

describe('distributed-zone bench, smoke', () => {
  const group = new ProcessGroup();
  let result: DistributedResult | undefined;
  const measured = () => {
    if (!result) throw new Error('no result');
    return result;
  };

  beforeAll(async () => {
    [result] = await runSmokeSweep(({ postgresUrl, log }) =>
      runDistributedSweep(
        {
          players: [PLAYERS],
          // Long enough for every bot to have set off (each at a random moment within 2 s).
          warmupSeconds: 2,
          measureSeconds: 3,
          decodeEvery: 1,
          rampPerSecond: 200,
          seed: 7,
          // Everyone within 60 m of everyone: each sees all the others, on either gateway, throughout.
          placementArea: 60,
          stepTimeoutMs: 10_000,
          quietWaitSeconds: 0,
        },
        { group, repoRoot: repoRoot(), postgresUrl, log },
      ),
    );
  }, 50_000);

  afterAll(async () => {
    await group.stopAll(2000);
    group.dispose();
  });

  it('leaves no Redis, server or bots process running', () => {
    expect(group.running).toBe(0);
    for (const pid of [measured().redis.pid, measured().zone.pid, ...measured().gateways.map((gateway) => gateway.pid)]) {
      expect(() => process.kill(pid, 0)).toThrow();
    }
  });

  it('reads the zone server ticking at about 20 Hz from its /metrics', () => {
    expectTicksAt20Hz(measured().tick);
  });

  it('splits the bots over both gateways, and moves go in and come out through each', () => {
    const { gateways } = measured();
    expect(gateways.map((gateway) => gateway.id)).toEqual(['gw-a', 'gw-b']);
    for (const gateway of gateways) {
      expect(gateway.connections).toBe(PLAYERS / 2);
      // Each bot turns every ~2 s: three bots per gateway send ~1.5 moves/s.
      expect(gateway.movesInPerSecond).toBeGreaterThan(0.5);
      // Frames go out when something in view changed: each of the ~3 turns/s in the zone reaches the gateway's three players.
      expect(gateway.outPerSecond).toBeGreaterThan(3);
    }
  });

  it('measures move → seen, by another player and by the mover, across the gateways', () => {
    const found = measured();
    expectMovesSeen(found, PLAYERS);
    // Only PLAYERS/2 - 1 others share a bot's gateway: seeing more means seeing through the other one.
    expect(found.inViewPerPlayer).toBeGreaterThan(PLAYERS / 2 - 1);
    expect(found.inViewPerPlayer).toBeGreaterThanOrEqual(PLAYERS - 2);
    expect(found.inViewPerPlayer).toBeLessThanOrEqual(PLAYERS - 1);
    // Change-driven frames: every player sees the ~3 turns/s of the whole crowd.
    expect(found.bytesPerPlayerPerSecond).toBeGreaterThan(100);
    expect(found.messagesPerPlayerPerSecond).toBeGreaterThan(1.5);
  });

  it('counts Redis traffic and measures every process', () => {
    const { redis, zone, gateways, bots } = measured();
    expect(redis.commands).toBeGreaterThan(0);
    // At least one publish per tick from the zone server, and every move through Redis.
    expect(redis.commandsPerSecond).toBeGreaterThan(15);
    expect(redis.inputBytesPerSecond).toBeGreaterThan(0);
    expect(redis.outputBytesPerSecond).toBeGreaterThan(0);
    // Measured, but possibly 0: CPU time comes in 10 ms clock ticks, and Redis may spend less than one in a smoke run.
    expect(Number.isFinite(redis.cpuCores)).toBe(true);
    expect(redis.cpuCores).toBeGreaterThanOrEqual(0);
    expect(redis.rssMb).toBeGreaterThan(1);
    expect(zone.cpuCores).toBeGreaterThan(0);
    expect(zone.cpuCores).toBeLessThan(1.5);
    expect(zone.rssMb).toBeGreaterThan(20);
    for (const gateway of gateways) {
      expect(gateway.cpuCores).toBeGreaterThan(0);
      expect(gateway.cpuCores).toBeLessThan(1.5);
      expect(gateway.rssMb).toBeGreaterThan(20);
    }
    expect(bots.saturated).toBeNull();
    expect(bots.disconnected).toBe(0);
    expect(bots.decoding).toBe(PLAYERS);
  });

  it('reports the run in the table', () => {
    const table = distributedTable([measured()], 1);
    expect(table).toMatch(/^\| players \| zone tick Hz/);
    expect(table).toMatch(/\n\| 6 \| (1\d|2\d)\.\d \|/);
  });
});
