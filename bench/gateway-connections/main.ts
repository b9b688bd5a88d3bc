import { join } from 'node:path';
import { describeErrorChain } from '@aether/shared/process';
import { parseOptions, USAGE, UsageError } from './options.js';
import { repoRoot } from './paths.js';
import { formatReport, writeResult } from './report.js';
import { runGatewayConnectionsBench } from './run-bench.js';

const CLEANUP_GRACE_MS = 20_000;

/** `make bench-gateway`: see USAGE in options.ts and docs/benchmarks.md. */
async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), join(repoRoot(), 'bench', 'results'));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench-gateway: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { timeoutMs, outDir, help: _help, ...settings } = options;
  // Everything stops by itself: a signal or the deadline aborts the run, which
  // stops its processes and cleans up; if that hangs, exit anyway (the exit
  // hook in ChildProcesses still kills what it started).
  const controller = new AbortController();
  const stop = (why: string) => {
    if (controller.signal.aborted) return;
    process.stderr.write(`bench-gateway: ${why}, stopping\n`);
    controller.abort(new Error(why));
    setTimeout(() => process.exit(1), CLEANUP_GRACE_MS).unref();
  };
  setTimeout(() => stop(`gave up after ${timeoutMs / 1000} s (--timeout-s)`), timeoutMs).unref();
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  const result = await runGatewayConnectionsBench({ ...settings, signal: controller.signal, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${formatReport(result)}\n`);
  const path = await writeResult(result, outDir);
  process.stdout.write(`result: ${path}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench-gateway: failed: ${describeErrorChain(error, 10)}\n`);
    process.exit(1);
  },
);
