import type { Watch } from '@kubernetes/client-node';

type WatchFn = Watch['watch'];
type Callback = Parameters<WatchFn>[2];
type Done = Parameters<WatchFn>[3];

export interface WatchdogOptions {
  /** A watch that has delivered nothing (no event, no bookmark) for this long is restarted. */
  idleMs: number;
  clock?: () => number;
  /** Told each time an idle watch is cut. */
  onIdle?: (idleMs: number) => void;
}

interface Current {
  controller: AbortController | undefined;
  restarting: boolean;
  ended: boolean;
}

/**
 * Wraps client-node's Watch for one informer. A watch whose TCP connection
 * died without a FIN (a NAT or load balancer dropped it) never ends and
 * never errors: the informer would sit on a stale cache forever. So every
 * watch asks for bookmarks (the API server then sends one about every
 * minute even when nothing changes), every line counts as a sign of life,
 * and `check` cuts a watch silent for longer than `idleMs`. The cut is
 * reported to the informer as "410 Gone", the one ending after which
 * client-node's ListWatch lists everything again before watching: the cache
 * is rebuilt from scratch, deletions missed meanwhile included.
 */
export class WatchdogWatch {
  private readonly clock: () => number;
  private lastActivity: number;
  private current: Current | undefined;

  constructor(
    private readonly inner: Pick<Watch, 'watch'>,
    private readonly options: WatchdogOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.lastActivity = this.clock();
  }

  /** ms since the running watch last delivered anything; undefined when no watch is running. */
  idleFor(): number | undefined {
    return this.current && !this.current.ended ? this.clock() - this.lastActivity : undefined;
  }

  async watch(path: string, queryParams: Parameters<WatchFn>[1], callback: Callback, done: Done): Promise<AbortController> {
    const current: Current = { controller: undefined, restarting: false, ended: false };
    this.current = current;
    this.lastActivity = this.clock();
    const controller = await this.inner.watch(
      path,
      { ...queryParams, allowWatchBookmarks: true },
      (phase, object, raw) => {
        if (this.current === current) this.lastActivity = this.clock();
        callback(phase, object, raw);
      },
      (error) => {
        current.ended = true;
        done(current.restarting ? Object.assign(new Error(`watch of ${path} was silent too long; listing again`), { statusCode: 410 }) : error);
      },
    );
    current.controller = controller;
    return controller;
  }

  /** Cuts the running watch if it has been silent too long; true when it did. */
  check(): boolean {
    const current = this.current;
    const idle = this.idleFor();
    // No handle yet means the request itself has not been answered; client-node gives no way to cut it before.
    if (!current?.controller || current.restarting || idle === undefined || idle <= this.options.idleMs) return false;
    current.restarting = true;
    this.options.onIdle?.(idle);
    current.controller.abort();
    return true;
  }
}
