import type { Registry } from '@aether/shared';

/**
 * Gateways heartbeat like every server. When one's heartbeat has expired its
 * players' sockets are gone with it, so their characters leave the world
 * (and are saved) instead of standing there forever; they come back when the
 * client resumes on another gateway.
 */
export class GatewayWatch {
  private timer: NodeJS.Timeout | undefined;
  private readonly missing = new Map<string, number>();

  constructor(
    private readonly registry: Registry,
    private readonly gateways: () => string[],
    private readonly drop: (gatewayId: string) => Promise<unknown>,
    private readonly everyMs = 5_000,
    /** Missed checks in a row before a gateway counts as gone. */
    private readonly strikes = 2,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check().catch(() => undefined), this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async check(): Promise<void> {
    for (const gatewayId of this.gateways()) {
      if (await this.registry.getHeartbeat(gatewayId)) {
        this.missing.delete(gatewayId);
        continue;
      }
      const count = (this.missing.get(gatewayId) ?? 0) + 1;
      this.missing.set(gatewayId, count);
      if (count >= this.strikes) {
        this.missing.delete(gatewayId);
        await this.drop(gatewayId);
      }
    }
  }
}
