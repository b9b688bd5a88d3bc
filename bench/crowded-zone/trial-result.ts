import type { BusyProcess } from './measure/process-census.js';
import type { LatencySummary } from './swarm/messages.js';
import type { ServerKind, TickReport } from './servers/server-under-test.js';

/** Everything measured for one server at one crowd size. */
export interface TrialResult {
  server: ServerKind;
  players: number;
  /** The measurement window as the runner timed it, seconds. */
  windowSeconds: number;
  tick: TickReport;
  /** utime + stime of the server process (not its children) over the window, in cores. */
  serverCpuCores: number;
  serverRssMb: number;
  /** CPU that other processes took from the two pinned cores during the window, in cores: non-zero on a shared machine. */
  otherLoad: { serverCore: number; botsCore: number; busiestOthers: BusyProcess[] };
  /** Move → first seen by another player, and by the mover in its own state. */
  seenByOther: LatencySummary;
  seenByMover: LatencySummary;
  /** Moves the bots sent during the window. */
  moves: number;
  /** Bytes read on the bots' TCP sockets (WebSocket framing included) and Socket.IO events, per player per second. */
  bytesPerPlayerPerSecond: number;
  messagesPerPlayerPerSecond: number;
  /** Mean entities in view per decoding player, sampled each second. */
  inViewPerPlayer: number | null;
  bots: {
    decoding: number;
    /** The bots process's utime + stime over the window, in cores. */
    cpuCores: number;
    eventLoopUtilisation: number;
    eventLoopDelayP99Ms: number;
    eventLoopDelayMaxMs: number;
    /** Set when the bots process was the bottleneck: why, and the latencies are then not the server's. */
    saturated: string | null;
    disconnected: number;
    disconnectReasons: Record<string, number>;
    rampSeconds: number;
  };
}
