import { HEARTBEAT_INTERVAL_MS, type ServerHeartbeat } from './records.js';
import type { Registry } from './registry.js';

/**
 * Writes `server:heartbeat:{serverId}` every 5 s (TTL 15 s). A failed write
 * (Redis restarting) is reported and simply retried next time, which is also
 * how a process re-registers after Redis comes back empty.
 */
export class HeartbeatPublisher {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly serverId: string,
    private readonly registry: Registry,
    private readonly describe: () => Omit<ServerHeartbeat, 'ts'>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = HEARTBEAT_INTERVAL_MS,
  ) {}

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.registry.removeHeartbeat(this.serverId).catch(this.onError);
  }

  private async beat(): Promise<void> {
    try {
      await this.registry.heartbeat(this.serverId, { ...this.describe(), ts: Date.now() });
    } catch (error) {
      this.onError(error);
    }
  }
}
