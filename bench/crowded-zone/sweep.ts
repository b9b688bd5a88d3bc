import { waitForQuietCores } from './measure/quiet-cores.js';
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

/** A sweep that stopped part-way, with what it had measured until then. */
export class SweepError extends Error {
  constructor(
    message: string,
    readonly results: TrialResult[],
    options: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Every crowd size, each server in turn on the same plan (same bots, same spots), one at a time. */
export async function runSweep(options: SweepOptions, context: TrialContext): Promise<TrialResult[]> {
  const { players: sizes, servers, quietWaitSeconds, ...common } = options;
  const results: TrialResult[] = [];
  const cores = [SERVER_CORE, BOTS_CORE];
  const quietRun = async (trial: TrialOptions) => {
    if (quietWaitSeconds > 0 && !(await waitForQuietCores(cores, quietWaitSeconds * 1000, context.log))) {
      context.log(`cores still busy after ${quietWaitSeconds} s; running anyway`);
    }
    return runTrial(trial, context);
  };
  for (const players of sizes) {
    for (const server of servers) {
      try {
        let result = await quietRun({ ...common, server, players });
        if (quietWaitSeconds > 0 && disturbance(result) > OTHER_LOAD_LIMIT) {
          context.log(`[${server} ${players}] disturbed by other processes; running it once more`);
          const again = await quietRun({ ...common, server, players });
          if (disturbance(again) < disturbance(result)) result = again;
        }
        results.push(result);
      } catch (error) {
        throw new SweepError(`the sweep stopped after ${results.length} of ${sizes.length * servers.length} runs`, results, { cause: error });
      }
    }
  }
  return results;
}

function disturbance(result: TrialResult): number {
  return Math.max(result.otherLoad.serverCore, result.otherLoad.botsCore);
}
