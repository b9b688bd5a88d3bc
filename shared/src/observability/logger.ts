import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Fields on every line, e.g. `{ serverId, service }`. */
  base: Record<string, unknown>;
  /** Human-readable output; default: only when stdout is a terminal. */
  pretty?: boolean;
}

/** JSON lines for machines; pretty colours only for a person at a terminal or with LOG_PRETTY=1. */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  return pino({
    level: options.level,
    base: options.base,
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  });
}
