import { join } from 'node:path';
import { exitWith, optionsOrExitCode, stopSignal } from '../common/run/deadline-main.js';
import { parseOptions, USAGE } from './options.js';
import { repoRoot } from './paths.js';
import { formatReport, writeResult } from './report.js';
import { runZoneMemoryBench } from './run-bench.js';

/** After a stop, how long ending the run may take before the bench exits anyway (the workers' exit hooks still kill them). */
const CLEANUP_GRACE_MS = 10_000;

/** `make bench-memory`: see USAGE in options.ts and docs/benchmarks.md. */
async function main(): Promise<number> {
  const options = optionsOrExitCode('bench-memory', USAGE, () => parseOptions(process.argv.slice(2), join(repoRoot(), 'bench', 'results')));
  if (typeof options === 'number') return options;
  const signal = stopSignal('bench-memory', options.timeoutMs, CLEANUP_GRACE_MS);
  const result = await runZoneMemoryBench(options.settings, { signal, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${formatReport(result)}\n`);
  process.stdout.write(`result: ${await writeResult(result, options.outDir)}\n`);
  return 0;
}

exitWith('bench-memory', main);
