/**
 * The crowded-zone workload (docs/benchmarks.md): one square zone, bots
 * walking at a steady pace and turning every couple of seconds.
 */
export const WORKLOAD = {
  zoneId: 'bench-field',
  zoneName: 'Bench Field',
  /** Side of the square zone, metres (0..size on both axes). */
  size: 1000,
  /** The server's default perception range, metres; the baseline is given the same. */
  perception: 100,
  tickRate: 20,
  /** The baseline's speed cap, as Aether's playerSpeed rule. */
  maxSpeed: 5,
  walkSpeed: 3,
  /** A new heading every 2 s ± 0.1 s. */
  turnIntervalMs: 2000,
  turnJitterMs: 100,
  /** Closer than this to an edge, a bot turns back inside (the server stops walkers at the edge). */
  edgeMargin: 50,
  /** A move counts as seen once the heading arrives within this many degrees. */
  headingToleranceDeg: 0.5,
} as const;

/** Cores: the server under test on one, the bots on the other. */
export const SERVER_CORE = 0;
export const BOTS_CORE = 1;

/** Past these the bots process is the bottleneck and latencies describe it, not the server. */
export const BOTS_SATURATION = { eventLoopUtilisation: 0.9, eventLoopDelayP99Ms: 50 } as const;

/**
 * CPU other processes may take from a pinned core (in cores) before a run is
 * reported as disturbed. A quiet development VM already shows about 0.1 of
 * background (kernel threads, idle services), hence not lower.
 */
export const OTHER_LOAD_LIMIT = 0.2;
