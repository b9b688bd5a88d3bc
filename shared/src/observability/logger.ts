import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { REDACT_PATHS, REDACTED, redactText } from './redact.js';

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Fields on every line, e.g. `{ serverId, service }`. */
  base: Record<string, unknown>;
  /**
   * Human-readable output; default: only when stdout is a terminal and no
   * destination is given. Needs pino-pretty, a development dependency that
   * the images do not carry: without it the lines stay JSON (one warning says so).
   */
  pretty?: boolean;
  /** Where lines go (default stdout); tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** Loads an optional module by name (default: Node's require from here); tests pass one that finds nothing. */
  loadModule?: (name: string) => unknown;
}

type PrettyFactory = (options: Record<string, unknown>) => DestinationStream;

/** pino-pretty's stream factory, or undefined when it is not installed (production images). */
function loadPretty(loadModule: (name: string) => unknown): PrettyFactory | undefined {
  try {
    const loaded = loadModule('pino-pretty') as PrettyFactory & { default?: PrettyFactory };
    return loaded.default ?? loaded;
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') return undefined;
    throw new Error('could not load pino-pretty', { cause: error });
  }
}

/**
 * Errors are logged with their message and stack run through redactText
 * (drivers put connection URLs in them), and without the arguments of a
 * failed Redis command, which ioredis keeps on the error (`AUTH <user>
 * <password>`); its name is enough to debug.
 */
function errorSerializer(error: Error): unknown {
  return scrub(pino.stdSerializers.err(error) as unknown as Record<string, unknown>, 0);
}

function scrub(serialized: Record<string, unknown>, depth: number): Record<string, unknown> {
  for (const field of ['message', 'stack']) {
    if (typeof serialized[field] === 'string') serialized[field] = redactText(serialized[field]);
  }
  const command = serialized.command;
  if (command && typeof command === 'object' && 'args' in command) serialized.command = { ...command, args: REDACTED };
  const cause = serialized.cause;
  if (cause && typeof cause === 'object' && depth < 5) serialized.cause = scrub({ ...(cause as Record<string, unknown>) }, depth + 1);
  return serialized;
}

/**
 * JSON lines for machines; pretty colours only for a person at a terminal or
 * with LOG_PRETTY=1. Secret fields (passwords, tokens, keys, auth headers) are
 * replaced wherever they appear in a logged object, and URL credentials in
 * error messages (docs/security.md).
 *
 * pino-pretty is loaded only when pretty output is asked for: it is a
 * development dependency, so an image (or LOG_PRETTY=1 in a pod) gets JSON
 * and one warning line instead of a crash at start-up.
 */
export function createLogger(options: LoggerOptions): Logger {
  const wantsPretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  const pretty = wantsPretty ? loadPretty(options.loadModule ?? createRequire(import.meta.url)) : undefined;
  const settings = {
    level: options.level,
    base: options.base,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: errorSerializer },
  };
  const destination = pretty ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', destination: options.destination ?? 1 }) : options.destination;
  const logger = destination ? pino(settings, destination) : pino(settings);
  if (wantsPretty && !pretty) logger.warn('pretty logs were asked for, but pino-pretty (a development dependency) is not installed: logging JSON');
  return logger;
}
