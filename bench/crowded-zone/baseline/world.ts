import type { PositionEntry } from './wire-format.js';

export interface Walker {
  readonly id: string;
  x: number;
  y: number;
  /** Compass degrees, 0 = north (+y), clockwise. */
  heading: number;
  /** m/s; 0 when standing. */
  speed: number;
  /** What every viewer is sent this tick (rounded like Aether's roster: cm, 0.1°). */
  entry: PositionEntry;
}

const RAD = Math.PI / 180;

/**
 * The baseline's whole simulation: walkers on a square, moving on a heading
 * at up to `maxSpeed`, stopped at the edge (as Aether stops them).
 */
export class BaselineWorld {
  readonly walkers = new Map<string, Walker>();

  constructor(
    readonly size: number,
    private readonly maxSpeed: number,
  ) {}

  add(id: string, x: number, y: number): Walker {
    const walker: Walker = { id, x, y, heading: 0, speed: 0, entry: { id, x, y, heading: 0, moving: false } };
    this.walkers.set(id, walker);
    return walker;
  }

  remove(id: string): void {
    this.walkers.delete(id);
  }

  walk(id: string, heading: number, speed: number): void {
    const walker = this.walkers.get(id);
    if (!walker) return;
    walker.heading = heading % 360;
    walker.speed = Math.min(speed, this.maxSpeed);
  }

  stop(id: string): void {
    const walker = this.walkers.get(id);
    if (walker) walker.speed = 0;
  }

  advance(dt: number): void {
    for (const walker of this.walkers.values()) {
      if (walker.speed > 0) {
        const step = walker.speed * dt;
        const x = clamp(walker.x + Math.sin(walker.heading * RAD) * step, this.size);
        const y = clamp(walker.y + Math.cos(walker.heading * RAD) * step, this.size);
        if (x === walker.x && y === walker.y) walker.speed = 0;
        walker.x = x;
        walker.y = y;
      }
      walker.entry = { id: walker.id, x: round(walker.x, 100), y: round(walker.y, 100), heading: round(walker.heading, 10), moving: walker.speed > 0 };
    }
  }
}

function clamp(value: number, size: number): number {
  return Math.min(size, Math.max(0, value));
}

function round(value: number, factor: number): number {
  return Math.round(value * factor) / factor;
}
