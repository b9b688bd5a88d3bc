import { join } from 'node:path';
import { exitWith, optionsOrExitCode, stopSignal } from '../common/run/deadline-main.js';
import { parseOptions, USAGE } from './options.js';
import { repoRoot } from './paths.js';
import { formatReport, writeResult } from './report.js';
import { runGatewayConnectionsBench } from './run-bench.js';

/** After a stop, how long the run may take to stop its processes before the bench exits anyway (the exit hook in ChildProcesses still kills what it started). */
const CLEANUP_GRACE_MS = 20_000;

/** `make bench-gateway`: see USAGE in options.ts and docs/benchmarks.md. */
async function main(): Promise<number> {
  const options = optionsOrExitCode('bench-gateway', USAGE, () => parseOptions(process.argv.slice(2), join(repoRoot(), 'bench', 'results')));
  if (typeof options === 'number') return options;
  const { timeoutMs, outDir, help: _help, ...settings } = options;
  const signal = stopSignal('bench-gateway', timeoutMs, CLEANUP_GRACE_MS);
  const result = await runGatewayConnectionsBench({ ...settings, signal, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${formatReport(result)}\n`);
  const path = await writeResult(result, outDir);
  process.stdout.write(`result: ${path}\n`);
  return 0;
}

exitWith('bench-gateway', main);
