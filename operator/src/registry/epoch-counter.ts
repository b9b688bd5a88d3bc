import { EPOCH_COUNTER_KEY, type MessageBus } from '@aether/shared';

/**
 * Reads the global epoch counter without drawing from it. The counter must
 * never be below an epoch already handed out; when it is, Redis has lost its
 * data (flushed, restarted empty), and every missing heartbeat is suspect.
 */
export class EpochCounter {
  constructor(private readonly bus: MessageBus) {}

  async current(): Promise<number> {
    const text = await this.bus.get(EPOCH_COUNTER_KEY);
    const value = text === null ? 0 : Number(text);
    return Number.isFinite(value) ? value : 0;
  }
}
