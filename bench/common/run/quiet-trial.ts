import { waitForQuietCores } from '../measure/quiet-cores.js';

/** A sweep that stopped part-way, with what it had measured until then. */
export class SweepError<R> extends Error {
  constructor(
    message: string,
    readonly results: R[],
    options: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface QuietTrialOptions<R> {
  /** The pinned cores the trial measures. */
  cores: readonly number[];
  /**
   * Before the trial, wait up to this long for the cores to be idle; a trial
   * that others' work disturbed anyway is repeated once, and the less
   * disturbed of the two kept. 0: neither.
   */
  quietWaitSeconds: number;
  /** CPU other processes took from the cores (in cores), the most of any core. */
  disturbance: (result: R) => number;
  /** More than this disturbance, the trial is repeated. */
  limit: number;
  /** Names the trial in the log line about repeating it, e.g. "[aether 800]". */
  label: string;
  log: (line: string) => void;
}

/** Runs `trial` on quiet cores, once more if the machine disturbed it (see QuietTrialOptions). */
export async function runQuietTrial<R>(trial: () => Promise<R>, options: QuietTrialOptions<R>): Promise<R> {
  const { cores, quietWaitSeconds, disturbance, log } = options;
  const quietRun = async () => {
    if (quietWaitSeconds > 0 && !(await waitForQuietCores(cores, quietWaitSeconds * 1000, log))) {
      log(`cores still busy after ${quietWaitSeconds} s; running anyway`);
    }
    return trial();
  };
  let result = await quietRun();
  if (quietWaitSeconds > 0 && disturbance(result) > options.limit) {
    log(`${options.label} disturbed by other processes; running it once more`);
    const again = await quietRun();
    if (disturbance(again) < disturbance(result)) result = again;
  }
  return result;
}
