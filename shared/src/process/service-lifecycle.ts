import type { Logger } from 'pino';
import { ConfigError } from '../config/env.js';
import { redactText } from '../observability/redact.js';

/** `a: b: c` from an error and its causes, for the one line a failed start prints. */
export function describeErrorChain(error: unknown, depth = 6): string {
  const parts: string[] = [];
  for (let current = error; current && parts.length < depth; current = (current as { cause?: unknown }).cause) {
    parts.push(current instanceof Error ? current.message : String(current));
  }
  return parts.join(': ');
}

/** Parses configuration; a bad value ends the process (exit 2) with a message naming the variable. */
export function configOrExit<T>(service: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`aether ${service}: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Runs a composition root; a failure to start is printed with its causes and
 * ends the process (exit 1). So does an error nothing handled: Node's own
 * report would print the error's properties, and client libraries keep the
 * command that failed there (ioredis: `AUTH <user> <password>`), so only the
 * redacted messages and the first stack frames are printed.
 */
export function runService(service: string, main: () => Promise<void>): void {
  const crash = (what: string) => (error: unknown) => {
    const stack = error instanceof Error && error.stack ? `\n${redactText(error.stack.split('\n').slice(1, 8).join('\n'))}` : '';
    process.stderr.write(`aether ${service}: ${what}: ${redactText(describeErrorChain(error))}${stack}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash('crashed on an unhandled error'));
  process.on('unhandledRejection', crash('crashed on an unhandled rejection'));
  main().catch(crash('failed to start'));
}

/**
 * On SIGINT/SIGTERM runs the shutdown steps in order, each one even if an
 * earlier one failed, then exits 0. A second signal while stopping is ignored.
 */
export function stopOnSignals(logger: Logger, message: string, steps: Array<() => Promise<unknown>>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, message);
    for (const step of steps) await step().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
