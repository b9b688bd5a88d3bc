import { runQuietTrial, SweepError } from '../common/run/quiet-trial.js';
import { OTHER_LOAD_LIMIT } from '../crowded-zone/workload.js';
import { SHARED_CORE, ZONE_CORE } from './cluster.js';
import { runDistributedTrial, type DistributedResult, type DistributedTrialContext, type DistributedTrialOptions } from './trial.js';

export interface DistributedSweepOptions extends Omit<DistributedTrialOptions, 'players'> {
  players: readonly number[];
  /** As crowded-zone's --quiet: wait for idle cores before each run, repeat a disturbed run once. 0: neither. */
  quietWaitSeconds: number;
}

/** Every crowd size in turn, each on a fresh database, Redis and servers. */
export async function runDistributedSweep(options: DistributedSweepOptions, context: DistributedTrialContext): Promise<DistributedResult[]> {
  const { players: sizes, quietWaitSeconds, ...common } = options;
  const results: DistributedResult[] = [];
  for (const players of sizes) {
    try {
      results.push(
        await runQuietTrial(() => runDistributedTrial({ ...common, players }, context), {
          cores: [ZONE_CORE, SHARED_CORE],
          quietWaitSeconds,
          disturbance: (result) => Math.max(result.otherLoad.zoneCore, result.otherLoad.sharedCore),
          limit: OTHER_LOAD_LIMIT,
          label: `[distributed ${players}]`,
          log: context.log,
        }),
      );
    } catch (error) {
      throw new SweepError(`the sweep stopped after ${results.length} of ${sizes.length} runs`, results, { cause: error });
    }
  }
  return results;
}
