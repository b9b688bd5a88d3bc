import { CoreUsageWindow } from './core-usage.js';

/** Busier than this (in cores) over the sample, a core counts as in use by someone else (a quiet VM shows about 0.1 of background). */
const IDLE_BELOW = 0.15;
const SAMPLE_MS = 5000;

/**
 * Waits until `cores` have been idle for a whole sample (5 s), for at most
 * `maxWaitMs`; answers whether they were. On a shared machine a run started
 * while someone else's work is on our cores measures both.
 */
export async function waitForQuietCores(cores: readonly number[], maxWaitMs: number, log: (line: string) => void): Promise<boolean> {
  const deadline = performance.now() + maxWaitMs;
  let told = false;
  for (;;) {
    const sample = new CoreUsageWindow(cores);
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    const busy = sample.busy();
    if (cores.every((core) => busy[core]! < IDLE_BELOW)) return true;
    if (performance.now() + SAMPLE_MS > deadline) return false;
    if (!told) {
      log(`waiting for cores ${cores.join(' and ')} to be idle (busy: ${cores.map((core) => busy[core]!.toFixed(2)).join(', ')})`);
      told = true;
    }
  }
}
