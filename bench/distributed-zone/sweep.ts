import { waitForQuietCores } from '../crowded-zone/measure/quiet-cores.js';
import { OTHER_LOAD_LIMIT } from '../crowded-zone/workload.js';
import { SHARED_CORE, ZONE_CORE } from './cluster.js';
import { runDistributedTrial, type DistributedResult, type DistributedTrialContext, type DistributedTrialOptions } from './trial.js';

export interface DistributedSweepOptions extends Omit<DistributedTrialOptions, 'players'> {
  players: readonly number[];
  /** As crowded-zone's --quiet: wait for idle cores before each run, repeat a disturbed run once. 0: neither. */
  quietWaitSeconds: number;
}

/** A sweep that stopped part-way, with what it had measured until then. */
export class DistributedSweepError extends Error {
  constructor(
    message: string,
    readonly results: DistributedResult[],
    options: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Every crowd size in turn, each on a fresh database, Redis and servers (crowded-zone's sweep.ts, for this trial). */
export async function runDistributedSweep(options: DistributedSweepOptions, context: DistributedTrialContext): Promise<DistributedResult[]> {
  const { players: sizes, quietWaitSeconds, ...common } = options;
  const results: DistributedResult[] = [];
  const cores = [ZONE_CORE, SHARED_CORE];
  const quietRun = async (trial: DistributedTrialOptions) => {
    if (quietWaitSeconds > 0 && !(await waitForQuietCores(cores, quietWaitSeconds * 1000, context.log))) {
      context.log(`cores still busy after ${quietWaitSeconds} s; running anyway`);
    }
    return runDistributedTrial(trial, context);
  };
  for (const players of sizes) {
    try {
      let result = await quietRun({ ...common, players });
      if (quietWaitSeconds > 0 && disturbance(result) > OTHER_LOAD_LIMIT) {
        context.log(`[distributed ${players}] disturbed by other processes; running it once more`);
        const again = await quietRun({ ...common, players });
        if (disturbance(again) < disturbance(result)) result = again;
      }
      results.push(result);
    } catch (error) {
      throw new DistributedSweepError(`the sweep stopped after ${results.length} of ${sizes.length} runs`, results, { cause: error });
    }
  }
  return results;
}

function disturbance(result: DistributedResult): number {
  return Math.max(result.otherLoad.zoneCore, result.otherLoad.sharedCore);
}
