import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks';

/** How busy this process's event loop was over a window: is the bots process itself the bottleneck? */
export class LoadMonitor {
  private start: EventLoopUtilization | undefined;
  private delay: IntervalHistogram | undefined;

  begin(): void {
    this.start = performance.eventLoopUtilization();
    this.delay = monitorEventLoopDelay({ resolution: 10 });
    this.delay.enable();
  }

  end(): { eventLoopUtilisation: number; delayP99Ms: number; delayMaxMs: number } {
    if (!this.start || !this.delay) throw new Error('LoadMonitor.end() without begin()');
    const utilisation = performance.eventLoopUtilization(this.start).utilization;
    this.delay.disable();
    const result = { eventLoopUtilisation: utilisation, delayP99Ms: this.delay.percentile(99) / 1e6, delayMaxMs: this.delay.max / 1e6 };
    this.start = undefined;
    this.delay = undefined;
    return result;
  }
}
