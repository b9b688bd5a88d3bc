/** The runner ↔ bots-process protocol (IPC messages). */

export interface WalkConfig {
  /** m/s sent with every move. */
  speed: number;
  turnIntervalMs: number;
  turnJitterMs: number;
  /** Closer than this to an edge, turn back inside. */
  edgeMargin: number;
  /** The zone is 0..size on both axes. */
  size: number;
  headingToleranceDeg: number;
  /** Every n-th turn the bot also says a line (`/say`), as players chat now and then; absent: never. */
  chatEvery?: number;
}

export interface SwarmBot {
  name: string;
  character: string;
  /** Where the plan put it: the starting point of the bot's own position estimate. */
  x: number;
  y: number;
  auth: Record<string, unknown>;
}

export interface StartSwarm {
  type: 'start';
  url: string;
  /**
   * Several servers (the distributed bench's gateways): bot k of the plan
   * connects to urls[k % urls.length] instead of `url`, so each gets an even share.
   */
  urls?: string[];
  bots: SwarmBot[];
  /** Every k-th bot decodes what it receives; the others only count it. */
  decodeEvery: number;
  /** New connections per second while ramping up. */
  rampPerSecond: number;
  seed: number;
  walk: WalkConfig;
  /** Per bot: connecting, each request, entering the world. */
  stepTimeoutMs: number;
}

export type ToSwarm = StartSwarm | { type: 'walk' } | { type: 'begin-window' } | { type: 'end-window'; drainMs: number } | { type: 'stop' };

export interface LatencySummary {
  samples: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface SwarmWindow {
  seconds: number;
  players: number;
  /** Bots that decode (and so measure latencies and views). */
  decoding: number;
  bytes: number;
  events: number;
  inViewMean: number | null;
  /** Moves sent in the window, and which of them were seen. */
  moves: number;
  byOther: LatencySummary;
  byMover: LatencySummary;
  load: { eventLoopUtilisation: number; delayP99Ms: number; delayMaxMs: number };
  disconnected: number;
  disconnectReasons: Record<string, number>;
}

export type FromSwarm =
  | { type: 'ready'; players: number; seconds: number }
  /** While ramping up, every couple of seconds. */
  | { type: 'progress'; entered: number; failed: number; players: number; failures: string[] }
  | { type: 'walking' }
  | { type: 'window-begun' }
  | { type: 'window'; window: SwarmWindow }
  | { type: 'stopped' }
  | { type: 'failed'; message: string };
