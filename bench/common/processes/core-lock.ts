import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from './process-alive.js';

/** One file per machine: whoever holds it has the pinned cores to itself. */
const LOCK_FILE = join(tmpdir(), 'aether-bench-pinned-cores.lock');
const POLL_MS = 2000;

function holder(): number | undefined {
  try {
    const pid = Number(readFileSync(LOCK_FILE, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the machine-wide lock on the cores benchmarks pin to, waiting up to
 * `maxWaitMs` for another run holding it; two benchmarks pinned to the same
 * cores would each measure the other. A holder that died leaves a stale
 * lock, which is taken over. Returns the release function (also run on exit).
 */
export async function lockPinnedCores(maxWaitMs: number, log: (line: string) => void): Promise<() => void> {
  const deadline = performance.now() + maxWaitMs;
  let told = false;
  for (;;) {
    try {
      const fd = openSync(LOCK_FILE, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      const release = () => {
        process.off('exit', release);
        if (holder() === process.pid) unlinkSync(LOCK_FILE);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create ${LOCK_FILE}`, { cause: error });
    }
    const pid = holder();
    if (pid === undefined || !processAlive(pid)) {
      // Left by a run that died (or is still being written; then the retry finds it whole).
      if (pid !== undefined) unlinkSync(LOCK_FILE);
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    if (performance.now() > deadline)
      throw new Error(`another benchmark (pid ${pid}) has held the pinned cores for longer than ${maxWaitMs / 60_000} min (${LOCK_FILE})`);
    if (!told) {
      log(`waiting for another benchmark run (pid ${pid}) to finish with the pinned cores`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
