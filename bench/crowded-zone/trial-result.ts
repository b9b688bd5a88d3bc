import type { BusyProcess } from '../common/measure/process-census.js';
import type { TickReport } from '../common/measure/tick-report.js';
import type { ServerKind } from './servers/server-under-test.js';
import type { CrowdMeasurements } from './swarm/crowd-measurements.js';

/** Everything measured for one server at one crowd size. */
export interface TrialResult extends CrowdMeasurements {
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
}
