import type { PlainMeasurement } from './plain-players.js';
import type { ZoneMeasurement, ZoneRunSpec } from './zone-measure.js';

/** What one worker process is asked to measure (argv[2], JSON). */
export type WorkerTask = ({ mode: 'zone' } & ZoneRunSpec) | { mode: 'plain'; players: number; zoneSize: number };

/** Its one answer over IPC. */
export type WorkerReply =
  | { ok: true; mode: 'zone'; result: ZoneMeasurement }
  | { ok: true; mode: 'plain'; result: PlainMeasurement }
  | { ok: false; error: string };
