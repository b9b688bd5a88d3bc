import { readdirSync, readFileSync } from 'node:fs';
import { clockTicksPerSecond } from './proc-stats.js';

export interface BusyProcess {
  pid: number;
  command: string;
  /** CPU over the window, in cores. */
  cores: number;
}

function cpuByProcess(ticksPerSecond: number): Map<number, { command: string; seconds: number }> {
  const usage = new Map<number, { command: string; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
      let command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (args.length > 0) command = args.join(' ').slice(0, 120);
      usage.set(Number(entry), { command, seconds });
    } catch {
      // exited while we looked
    }
  }
  return usage;
}

/**
 * Which processes used the CPU during a window: on a shared machine, the
 * ones that are neither the server nor the bots are what disturbed the run.
 */
export class ProcessCensus {
  private readonly ticksPerSecond = clockTicksPerSecond();
  private readonly start = cpuByProcess(this.ticksPerSecond);
  private readonly startAt = performance.now();

  /** The busiest processes other than `exclude`, at least `minCores` each. */
  busiest(exclude: readonly number[], limit = 3, minCores = 0.02): BusyProcess[] {
    const elapsed = (performance.now() - this.startAt) / 1000;
    const busy: BusyProcess[] = [];
    for (const [pid, now] of cpuByProcess(this.ticksPerSecond)) {
      if (exclude.includes(pid)) continue;
      const cores = (now.seconds - (this.start.get(pid)?.seconds ?? 0)) / elapsed;
      if (cores >= minCores) busy.push({ pid, command: now.command, cores });
    }
    return busy.sort((a, b) => b.cores - a.cores).slice(0, limit);
  }
}

/** The busiest others, for a log line: "command (cores), …", or "none". */
export function describeBusiest(others: readonly BusyProcess[]): string {
  return others.map((other) => `${other.command.slice(0, 60)} (${other.cores.toFixed(2)})`).join(', ') || 'none';
}
