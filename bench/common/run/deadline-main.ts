import { describeErrorChain } from '@aether/shared/process';
import { UsageError } from '../options/whole-numbers.js';

/**
 * The options, or an exit code: 0 after printing the usage for --help, 2
 * after printing a command-line mistake with the usage.
 */
export function optionsOrExitCode<T extends { help: boolean }>(name: string, usage: string, parse: () => T): T | number {
  let options: T;
  try {
    options = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return options;
}

/**
 * A signal that aborts on SIGINT, SIGTERM or after `timeoutMs` (--timeout-s),
 * so that everything stops by itself: the run stops its processes and cleans
 * up; if that hangs, the process exits anyway after `graceMs`.
 */
export function stopSignal(name: string, timeoutMs: number, graceMs: number): AbortSignal {
  const controller = new AbortController();
  const stop = (why: string) => {
    if (controller.signal.aborted) return;
    process.stderr.write(`${name}: ${why}, stopping\n`);
    controller.abort(new Error(why));
    setTimeout(() => process.exit(1), graceMs).unref();
  };
  setTimeout(() => stop(`gave up after ${timeoutMs / 1000} s (--timeout-s)`), timeoutMs).unref();
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return controller.signal;
}

/** Runs a bench's main and exits with its code; a failure is printed with its causes, exit code 1. */
export function exitWith(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${name}: failed: ${describeErrorChain(error, 10)}\n`);
      process.exit(1);
    },
  );
}
