import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    if (Number.isInteger(ticks) && ticks > 0) return ticks;
  } catch {
    // fall through to Linux's usual value
  }
  return 100;
}

/** CPU time the process itself has used (user + system, not its children), seconds. */
function cpuSeconds(pid: number, ticksPerSecond: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    throw new Error(`cannot read /proc/${pid}/stat (has the process exited?)`, { cause: error });
  }
  // The command name may hold spaces and parentheses; the fields after its closing one are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat(5) (utime, stime) are 12 and 13 after the name and state.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unexpected /proc/${pid}/stat: ${stat.slice(0, 200)}`);
  return (utime + stime) / ticksPerSecond;
}

/** Resident set size, bytes. */
export function rssBytes(pid: number): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    throw new Error(`cannot read /proc/${pid}/status (has the process exited?)`, { cause: error });
  }
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** CPU use of one process over a window, in cores (1.0 = one core busy throughout). */
export class CpuWindow {
  private readonly ticksPerSecond = clockTicksPerSecond();
  private readonly startCpu: number;
  private readonly startAt = performance.now();

  constructor(private readonly pid: number) {
    this.startCpu = cpuSeconds(pid, this.ticksPerSecond);
  }

  cores(): number {
    const elapsed = (performance.now() - this.startAt) / 1000;
    return (cpuSeconds(this.pid, this.ticksPerSecond) - this.startCpu) / elapsed;
  }
}
