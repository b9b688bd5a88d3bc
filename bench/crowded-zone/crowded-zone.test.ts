import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { repoRoot } from '../common/paths.js';
import { ProcessGroup } from '../common/processes/process-group.js';
import { expectMovesSeen, expectTicksAt20Hz, runSmokeSweep } from '../common/smoke.test-helpers.js';
import { resultsPlot } from './report/plot.js';
import { resultsTable } from './report/table.js';
import type { ServerKind } from './servers/server-under-test.js';
import { runSweep } from './sweep.js';
import type { TrialResult } from './trial-result.js';

// A few seconds of the crowded-zone bench on a handful of players standing
// close together, against both servers: the runner, the bots, the baseline
// and every measurement path, end to end. The servers and the bots run
// compiled, as in the bench (make build first); the database server is the
// harness's (TEST_DATABASE_URL).

jest.setTimeout(50_000);

const PLAYERS = 8;

describe('crowded-zone bench, smoke', () => {
  const group = new ProcessGroup();
  const results = new Map<ServerKind, TrialResult>();

  beforeAll(async () => {
    const measured = await runSmokeSweep(({ postgresUrl, log }) =>
      runSweep(
        {
          players: [PLAYERS],
          servers: ['aether', 'baseline'],
          // Long enough for every bot to have set off (each at a random moment within 2 s).
          warmupSeconds: 2,
          measureSeconds: 3,
          decodeEvery: 1,
          rampPerSecond: 200,
          seed: 7,
          // Like the bench's --server-root: measure another (built) checkout's server.
          serverRoot: process.env.CROWDED_ZONE_SERVER_ROOT ?? repoRoot(),
          // Everyone within 60 m of everyone: each sees all the others throughout.
          placementArea: 60,
          // Fail within the hook's time when bots cannot enter, instead of timing out silently.
          stepTimeoutMs: 10_000,
          // A smoke test checks the numbers are real, not that the machine is quiet.
          quietWaitSeconds: 0,
        },
        { group, postgresUrl, log },
      ),
    );
    for (const result of measured) results.set(result.server, result);
  }, 45_000);

  afterAll(async () => {
    await group.stopAll(2000);
    group.dispose();
  });

  it('leaves no server or bots process running', () => {
    expect(group.running).toBe(0);
  });

  describe.each(['aether', 'baseline'] as const)('%s', (server) => {
    const result = () => {
      const found = results.get(server);
      if (!found) throw new Error(`no result for ${server}`);
      return found;
    };

    it('ticks at about 20 Hz, with tick durations', () => {
      expectTicksAt20Hz(result().tick);
    });

    it('measures move → seen, by another player and by the mover', () => {
      expectMovesSeen(result(), PLAYERS);
    });

    it('counts bytes, messages and the players in view', () => {
      const found = result();
      // Frames go out only when something in view changes: each bot sees the others turn every 2 s and itself every 2 s,
      // so a few frames a second, and every message costs at least its WebSocket frame header.
      expect(found.messagesPerPlayerPerSecond).toBeGreaterThan(1);
      expect(found.bytesPerPlayerPerSecond).toBeGreaterThan(2 * found.messagesPerPlayerPerSecond);
      expect(found.inViewPerPlayer).toBeGreaterThanOrEqual(PLAYERS - 2);
      expect(found.inViewPerPlayer).toBeLessThanOrEqual(PLAYERS - 1);
    });

    it('measures the server process, and the bots were not the bottleneck', () => {
      const found = result();
      expect(found.serverCpuCores).toBeGreaterThan(0);
      expect(found.serverCpuCores).toBeLessThan(1.5);
      expect(found.serverRssMb).toBeGreaterThan(20);
      expect(found.bots.saturated).toBeNull();
      expect(found.bots.disconnected).toBe(0);
      expect(found.bots.decoding).toBe(PLAYERS);
    });
  });

  it('reports both servers in the table and the plot', () => {
    const all = [...results.values()];
    const table = resultsTable(all, 1);
    expect(table).toMatch(/\| 8 \| aether \|/);
    expect(table).toMatch(/\| 8 \| baseline \|/);
    const svg = resultsPlot(all);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('bare Socket.IO baseline');
    expect(svg.match(/<circle /g)?.length).toBe(4);
  });
});
