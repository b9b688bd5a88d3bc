import type { ServerKind } from './servers/server-under-test.js';
import type { TrialResult } from './trial-result.js';
import { runTrial, type TrialContext } from './trial.js';

export interface SweepOptions {
  players: readonly number[];
  servers: readonly ServerKind[];
  warmupSeconds: number;
  measureSeconds: number;
  decodeEvery: number;
  rampPerSecond: number;
  seed: number;
  serverRoot: string;
  /** Side of the centred square the bots start in; default the whole zone. */
  placementArea?: number;
  /** Per bot: connecting, each request, entering the world (default 60 s). */
  stepTimeoutMs?: number;
}

/** Every crowd size, each server in turn on the same plan (same bots, same spots), one at a time. */
export async function runSweep(options: SweepOptions, context: TrialContext): Promise<TrialResult[]> {
  const results: TrialResult[] = [];
  for (const players of options.players) {
    for (const server of options.servers) {
      results.push(
        await runTrial(
          {
            server,
            players,
            warmupSeconds: options.warmupSeconds,
            measureSeconds: options.measureSeconds,
            decodeEvery: options.decodeEvery,
            rampPerSecond: options.rampPerSecond,
            seed: options.seed,
            serverRoot: options.serverRoot,
            ...(options.placementArea ? { placementArea: options.placementArea } : {}),
            ...(options.stepTimeoutMs ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
          },
          context,
        ),
      );
    }
  }
  return results;
}
