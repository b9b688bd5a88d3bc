/** What the benchmark asks the load generator (load-generator.ts) over IPC, and what it answers. */

export interface ConnectRequest {
  url: string;
  /** Names a group of connections so it can be counted and closed on its own (the warm-up, the measured set). */
  cohort: string;
  count: number;
  /** Connections started per second at most. */
  ratePerSecond: number;
  /** Handshakes in flight at most. */
  concurrency: number;
  /** Accounts are `dev:<prefix><i>`. */
  namePrefix: string;
  /** Per connection. */
  timeoutMs: number;
}

export interface ConnectResult {
  connected: number;
  /** First connection started → last one accepted. */
  elapsedMs: number;
  /** CPU the load generator used meanwhile, seconds (user + system); near elapsed means it was the limit. */
  cpuSeconds: number;
  /** Its event-loop delay, 99th percentile, ms: a busy generator makes every handshake look slow. */
  loopDelayP99Ms: number;
  rssBytes: number;
}

export interface CountResult {
  connected: number;
  /** Connections of the cohort that closed without being asked to, by reason. */
  lost: Record<string, number>;
}

export interface ProgressNotice {
  notice: 'progress';
  cohort: string;
  connected: number;
}
