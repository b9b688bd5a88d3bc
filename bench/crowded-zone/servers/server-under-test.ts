import type { Quantile } from '../measure/tick-histogram.js';
import type { PlannedBot } from '../placement.js';

export type ServerKind = 'aether' | 'baseline';

export interface TickReport {
  ticks: number;
  seconds: number;
  rateHz: number;
  p50: Quantile;
  p99: Quantile;
  /** Aether's come from its Prometheus histogram, the baseline's from every tick. */
  method: 'bucket-interpolated' | 'exact';
  /** For bucket-interpolated ones: the histogram's upper bounds, seconds. */
  buckets?: number[];
}

/** Started at the beginning of the measurement window; `finish` at its end. */
export interface TickProbe {
  finish(): Promise<TickReport>;
}

/** A server the bench measures: the real one or the baseline, each its own pinned process. */
export interface ServerUnderTest {
  readonly kind: ServerKind;
  readonly url: string;
  readonly pid: number;
  readonly alive: boolean;
  /** Extra handshake fields this server needs from a bot. */
  handshakeFor(bot: PlannedBot): Record<string, unknown>;
  /** Throws, saying why, when the server's tick statistics cannot be read. */
  beginTicks(): Promise<TickProbe>;
  /** Why it died, with its last output, for error messages. */
  describeExit(): string;
  stop(): Promise<void>;
}
