import type { Registry } from '@aether/shared';

export interface GatewayWatchOptions {
  /** How often the gateways with players here are checked, ms. */
  everyMs?: number;
  /**
   * How long a gateway's heartbeat must stay missing before its players are
   * dropped, ms. A heartbeat key lives 15 s after the last beat; the grace
   * covers a Redis that restarted empty (gateways beat again within 5 s).
   */
  graceMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/**
 * Gateways heartbeat like every server. When one's heartbeat has expired its
 * players' sockets are gone with it, so their characters leave the world
 * (and are saved) instead of standing there forever; they come back when the
 * client resumes on another gateway. Runs in zone servers (distributed mode,
 * Kubernetes), where gateways are other processes; in embedded mode the
 * gateway is the same process and there is nothing to watch.
 */
export class GatewayWatch {
  private timer: NodeJS.Timeout | undefined;
  /** Gateway id → when its heartbeat was first seen missing. */
  private readonly missing = new Map<string, number>();
  private running: Promise<void> | undefined;
  private readonly everyMs: number;
  private readonly graceMs: number;
  private readonly now: () => number;

  constructor(
    private readonly registry: Pick<Registry, 'getHeartbeat'>,
    private readonly gateways: () => string[],
    private readonly drop: (gatewayId: string) => Promise<unknown>,
    private readonly options: GatewayWatchOptions = {},
  ) {
    this.everyMs = options.everyMs ?? 5_000;
    this.graceMs = options.graceMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.timer = setInterval(() => {
      // A slow drop (saving many players) must not overlap the next check.
      this.running ??= this.check()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => (this.running = undefined));
    }, this.everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round: drops the players of every gateway whose heartbeat has been missing for the grace period. */
  async check(): Promise<void> {
    const watched = new Set(this.gateways());
    for (const gatewayId of this.missing.keys()) if (!watched.has(gatewayId)) this.missing.delete(gatewayId);
    for (const gatewayId of watched) {
      // A Redis error rejects the round: an unreachable registry is no proof that a gateway is gone.
      if (await this.registry.getHeartbeat(gatewayId)) {
        this.missing.delete(gatewayId);
        continue;
      }
      const now = this.now();
      const since = this.missing.get(gatewayId) ?? now;
      this.missing.set(gatewayId, since);
      if (now - since < this.graceMs) continue;
      this.missing.delete(gatewayId);
      await this.drop(gatewayId);
    }
  }
}
