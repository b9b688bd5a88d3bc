import { BOTS_SATURATION } from '../workload.js';
import type { LatencySummary, SwarmWindow } from './messages.js';

/** What the bots measured over a window, reported alike by every bench that runs the crowd. */
export interface CrowdMeasurements {
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

/** The bots' window as reported, with the bots process's CPU and how long the crowd took to get in. */
export function crowdMeasurements(bots: SwarmWindow, measured: { botsCpuCores: number; rampSeconds: number }): CrowdMeasurements {
  const perPlayerPerSecond = (total: number) => total / bots.players / bots.seconds;
  return {
    seenByOther: bots.byOther,
    seenByMover: bots.byMover,
    moves: bots.moves,
    bytesPerPlayerPerSecond: perPlayerPerSecond(bots.bytes),
    messagesPerPlayerPerSecond: perPlayerPerSecond(bots.events),
    inViewPerPlayer: bots.inViewMean,
    bots: {
      decoding: bots.decoding,
      cpuCores: measured.botsCpuCores,
      eventLoopUtilisation: bots.load.eventLoopUtilisation,
      eventLoopDelayP99Ms: bots.load.delayP99Ms,
      eventLoopDelayMaxMs: bots.load.delayMaxMs,
      saturated: saturation(bots),
      disconnected: bots.disconnected,
      disconnectReasons: bots.disconnectReasons,
      rampSeconds: measured.rampSeconds,
    },
  };
}

/** Why the bots process was the bottleneck, or null. */
function saturation({ load }: SwarmWindow): string | null {
  const reasons: string[] = [];
  if (load.eventLoopUtilisation > BOTS_SATURATION.eventLoopUtilisation) {
    reasons.push(`event-loop utilisation ${load.eventLoopUtilisation.toFixed(2)} > ${BOTS_SATURATION.eventLoopUtilisation}`);
  }
  if (load.delayP99Ms > BOTS_SATURATION.eventLoopDelayP99Ms) {
    reasons.push(`event-loop delay p99 ${load.delayP99Ms.toFixed(0)} ms > ${BOTS_SATURATION.eventLoopDelayP99Ms} ms`);
  }
  return reasons.length > 0 ? reasons.join(', ') : null;
}
