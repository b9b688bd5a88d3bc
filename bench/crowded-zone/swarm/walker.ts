import type { Bot, OwnState } from '../bot/index.js';
import { angleBetween, bearing, roundHeading, step } from './headings.js';
import type { WalkConfig } from './messages.js';

/** A new heading differs from the last by at least this much, so its arrival is unambiguous. */
const MIN_TURN_DEG = 5;

/**
 * The crowded-zone walk for one bot: a new heading every interval (± jitter,
 * random phase), back inside when near an edge. Where the bot is comes from
 * its own state when it decodes, and from dead reckoning otherwise.
 */
export class Walker {
  private timer: NodeJS.Timeout | undefined;
  private x = 0;
  private y = 0;
  private heading = 0;
  private moving = false;
  private at = 0;
  private turns = 0;

  constructor(
    private readonly bot: Bot,
    private readonly config: WalkConfig,
    private readonly random: () => number,
    private readonly onMove: (heading: number, at: number) => void,
  ) {}

  /** Sets off at a random moment within one turn interval, so a crowd's turns never line up. */
  start(position: { x: number; y: number; heading: number }): void {
    this.x = position.x;
    this.y = position.y;
    this.heading = position.heading;
    this.moving = false;
    this.at = performance.now();
    this.schedule(this.random() * this.config.turnIntervalMs);
  }

  /** The server's word on where the bot is. */
  observe(state: OwnState, at: number): void {
    this.x = state.x;
    this.y = state.y;
    this.heading = state.heading;
    this.moving = state.moving;
    this.at = at;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.turn();
      this.schedule(this.config.turnIntervalMs + (this.random() * 2 - 1) * this.config.turnJitterMs);
    }, delayMs);
  }

  private turn(): void {
    const now = performance.now();
    this.reckon(now);
    const heading = this.nextHeading();
    this.bot.move(heading, this.config.speed);
    const { chatEvery } = this.config;
    if (chatEvery && (this.turns += 1) % chatEvery === 0) this.bot.socket.emit('command', { text: `/say turning to ${heading}` });
    this.heading = heading;
    this.moving = true;
    this.onMove(heading, now);
  }

  /** Dead reckoning from the last known state, stopped at the edges as the server stops walkers. */
  private reckon(now: number): void {
    if (this.moving) {
      const moved = step(this.x, this.y, this.heading, (this.config.speed * (now - this.at)) / 1000);
      this.x = Math.min(this.config.size, Math.max(0, moved.x));
      this.y = Math.min(this.config.size, Math.max(0, moved.y));
    }
    this.at = now;
  }

  private nextHeading(): number {
    const { size, edgeMargin } = this.config;
    const nearEdge = this.x < edgeMargin || this.y < edgeMargin || this.x > size - edgeMargin || this.y > size - edgeMargin;
    // Near an edge: head for a random point of the middle half, which always points back inside.
    let heading = nearEdge ? bearing(this.x, this.y, size * (0.25 + 0.5 * this.random()), size * (0.25 + 0.5 * this.random())) : this.random() * 360;
    if (angleBetween(heading, this.heading) < MIN_TURN_DEG) heading += 2 * MIN_TURN_DEG;
    return roundHeading(heading);
  }
}
