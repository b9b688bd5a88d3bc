import { runQuietTrial, SweepError } from '../common/run/quiet-trial.js';
import type { ServerKind } from './servers/server-under-test.js';
import type { TrialResult } from './trial-result.js';
import { runTrial, type TrialContext, type TrialOptions } from './trial.js';
import { BOTS_CORE, OTHER_LOAD_LIMIT, SERVER_CORE } from './workload.js';

export interface SweepOptions extends Omit<TrialOptions, 'server' | 'players'> {
  players: readonly number[];
  servers: readonly ServerKind[];
  /**
   * Before each run, wait up to this long for the two cores to be idle; a run
   * that others' work disturbed anyway is repeated once, and the less
   * disturbed of the two kept. 0: neither.
   */
  quietWaitSeconds: number;
}

/** Every crowd size, each server in turn on the same plan (same bots, same spots), one at a time. */
export async function runSweep(options: SweepOptions, context: TrialContext): Promise<TrialResult[]> {
  const { players: sizes, servers, quietWaitSeconds, ...common } = options;
  const results: TrialResult[] = [];
  for (const players of sizes) {
    for (const server of servers) {
      try {
        results.push(
          await runQuietTrial(() => runTrial({ ...common, server, players }, context), {
            cores: [SERVER_CORE, BOTS_CORE],
            quietWaitSeconds,
            disturbance: (result) => Math.max(result.otherLoad.serverCore, result.otherLoad.botsCore),
            limit: OTHER_LOAD_LIMIT,
            label: `[${server} ${players}]`,
            log: context.log,
          }),
        );
      } catch (error) {
        throw new SweepError(`the sweep stopped after ${results.length} of ${sizes.length * servers.length} runs`, results, { cause: error });
      }
    }
  }
  return results;
}
