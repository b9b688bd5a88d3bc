import type { Bounds } from '@aether/shared';

const RAD = Math.PI / 180;

/** Unit vector for a compass heading (0 = north/+y, 90 = east/+x). */
export function headingVector(heading: number): { dx: number; dy: number } {
  return { dx: Math.sin(heading * RAD), dy: Math.cos(heading * RAD) };
}

/** Compass bearing from one point to another, in [0, 360). */
export function bearing(fromX: number, fromY: number, toX: number, toY: number): number {
  const degrees = Math.atan2(toX - fromX, toY - fromY) / RAD;
  return normaliseHeading(degrees);
}

export function normaliseHeading(degrees: number): number {
  const wrapped = degrees % 360;
  const positive = wrapped < 0 ? wrapped + 360 : wrapped;
  // -0 and 360 both mean north.
  return positive === 360 || Object.is(positive, -0) ? 0 : positive;
}

export function clampToBounds(x: number, y: number, bounds: Bounds): { x: number; y: number } {
  return {
    x: Math.min(bounds.maxX, Math.max(bounds.minX, x)),
    y: Math.min(bounds.maxY, Math.max(bounds.minY, y)),
  };
}

export function round(value: number, places = 2): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

export function inside(x: number, y: number, bounds: Bounds): boolean {
  return x >= bounds.minX && x <= bounds.maxX && y >= bounds.minY && y <= bounds.maxY;
}

/** Distance from a point to the nearest point of a rectangle (0 inside it). */
export function distanceToBounds(x: number, y: number, bounds: Bounds): number {
  const dx = Math.max(bounds.minX - x, 0, x - bounds.maxX);
  const dy = Math.max(bounds.minY - y, 0, y - bounds.maxY);
  return Math.hypot(dx, dy);
}
