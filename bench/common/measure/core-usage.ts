import { readFileSync } from 'node:fs';
import { clockTicksPerSecond } from './proc-stats.js';

/**
 * Time each CPU core has spent running processes so far (user, nice, system)
 * or taken by the hypervisor (steal), seconds, from /proc/stat. Interrupt
 * time is left out: loopback traffic between our own processes is handled
 * there, on whichever core, and belongs to no process.
 */
function coreBusySeconds(ticksPerSecond: number): Map<number, number> {
  const busy = new Map<number, number>();
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const match = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
    const [user = 0, nice = 0, system = 0, , , , , steal = 0] = match[2]!.split(/\s+/).map(Number);
    busy.set(Number(match[1]), (user + nice + system + steal) / ticksPerSecond);
  }
  return busy;
}

/**
 * How busy given cores were over a window, in cores (1.0 = busy throughout).
 * Minus what the pinned process on a core used, it is what others took from
 * it: a benchmark on a shared machine should say so.
 */
export class CoreUsageWindow {
  private readonly ticksPerSecond = clockTicksPerSecond();
  private readonly start: Map<number, number>;
  private readonly startAt = performance.now();

  constructor(private readonly cores: readonly number[]) {
    this.start = coreBusySeconds(this.ticksPerSecond);
  }

  busy(): Record<number, number> {
    const elapsed = (performance.now() - this.startAt) / 1000;
    const now = coreBusySeconds(this.ticksPerSecond);
    return Object.fromEntries(this.cores.map((core) => [core, ((now.get(core) ?? 0) - (this.start.get(core) ?? 0)) / elapsed]));
  }
}
