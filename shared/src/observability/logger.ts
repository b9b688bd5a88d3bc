import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { REDACT_PATHS, REDACTED, redactText } from './redact.js';

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Fields on every line, e.g. `{ serverId, service }`. */
  base: Record<string, unknown>;
  /** Human-readable output; default: only when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go (default stdout); tests pass a stream to read what was logged. */
  destination?: DestinationStream;
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
 */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.destination === undefined && (options.pretty ?? process.stdout.isTTY === true);
  const settings = {
    level: options.level,
    base: options.base,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: errorSerializer },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
