import { Channels, type MessageBus } from '@aether/shared';
import { characterId } from './generated-characters.js';

export interface WalkersOptions {
  zoneId: string;
  from: number;
  count: number;
  /** Metres per second. */
  speed: number;
  /** Each player takes a new random heading about this often. */
  turnEverySeconds: number;
  tickRate: number;
  seed: number;
}

/**
 * Keeps players walking the way clients do: `player.move` with a random
 * heading at walking speed, everyone at first, then a share of them each
 * tick so that each turns about once every `turnEverySeconds`. Records how
 * much time publishing took, to show it is not what limits the zone.
 */
export class Walkers {
  private timer: NodeJS.Timeout | undefined;
  private cursor = 0;
  private state: number;
  published = 0;
  publishMs = 0;
  /** Publishing failures (a closed bus); a run with any is not trusted. */
  failures = 0;
  private startedAt = 0;
  private stoppedAt = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly options: WalkersOptions,
  ) {
    this.state = options.seed >>> 0;
  }

  async start(): Promise<void> {
    this.startedAt = performance.now();
    await this.turn(this.options.count);
    const perTick = Math.max(1, Math.ceil(this.options.count / (this.options.turnEverySeconds * this.options.tickRate)));
    this.timer = setInterval(() => {
      this.turn(perTick).catch(() => {
        this.failures += 1;
      });
    }, 1000 / this.options.tickRate);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stoppedAt = performance.now();
  }

  /** Share of the wall time spent publishing moves. */
  get busyShare(): number {
    const wall = (this.stoppedAt || performance.now()) - this.startedAt;
    return wall > 0 ? this.publishMs / wall : 0;
  }

  private async turn(howMany: number): Promise<void> {
    const started = performance.now();
    const { from, count, zoneId, speed } = this.options;
    const sends: Array<Promise<void>> = [];
    for (let k = 0; k < howMany; k += 1) {
      const index = from + (this.cursor % count);
      this.cursor += 1;
      const heading = Math.floor(this.random() * 3600) / 10;
      sends.push(this.bus.publish(Channels.zoneInput(zoneId), 'player.move', { characterId: characterId(index), move: { heading, speed } }));
    }
    this.published += howMany;
    this.publishMs += performance.now() - started;
    await Promise.all(sends);
  }

  /** mulberry32: the same headings every run. */
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
}
