import { describeErrorChain } from '@aether/shared/process';
import { OptionsError } from '../options/flags.js';

/** A log line on stderr, stamped with the time of day (UTC). */
export function logWithTime(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

/**
 * The options, or undefined after printing the usage for --help; exits with
 * code 2 on a command-line mistake, naming it.
 */
export function optionsOrExit<T>(benchmark: string, usage: string, parse: () => T | 'help'): T | undefined {
  let parsed: T | 'help';
  try {
    parsed = parse();
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    process.stderr.write(`${benchmark}: ${error.message}\n`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(`${usage}\n`);
    return undefined;
  }
  return parsed;
}

/** Runs a bench's main; a failure is printed with its causes and sets exit code 1. */
export function runMain(benchmark: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${benchmark}: ${describeErrorChain(error, 10)}\n`);
    process.exitCode = 1;
  });
}
