import { join } from 'node:path';
import { describeErrorChain } from '@aether/shared/process';
import { parseOptions, USAGE, UsageError } from './options.js';
import { repoRoot } from './paths.js';
import { formatReport, writeResult } from './report.js';
import { runZoneMemoryBench } from './run-bench.js';

const CLEANUP_GRACE_MS = 10_000;

/** `make bench-memory`: see USAGE in options.ts and docs/benchmarks.md. */
async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), join(repoRoot(), 'bench', 'results'));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench-memory: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Everything stops by itself: a signal or the deadline kills the running
  // worker and ends the run; if that hangs, exit anyway (the workers' exit
  // hooks still kill them).
  const controller = new AbortController();
  const stop = (why: string) => {
    if (controller.signal.aborted) return;
    process.stderr.write(`bench-memory: ${why}, stopping\n`);
    controller.abort(new Error(why));
    setTimeout(() => process.exit(1), CLEANUP_GRACE_MS).unref();
  };
  setTimeout(() => stop(`gave up after ${options.timeoutMs / 1000} s (--timeout-s)`), options.timeoutMs).unref();
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  const result = await runZoneMemoryBench(options.settings, { signal: controller.signal, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${formatReport(result)}\n`);
  process.stdout.write(`result: ${await writeResult(result, options.outDir)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench-memory: failed: ${describeErrorChain(error, 10)}\n`);
    process.exit(1);
  },
);
