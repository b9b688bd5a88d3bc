import type { TickProbe } from '../../common/measure/tick-report.js';
import type { PlannedBot } from '../placement.js';

export type ServerKind = 'aether' | 'baseline';

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
