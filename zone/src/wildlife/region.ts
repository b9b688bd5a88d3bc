import type { Bounds } from '@aether/shared';

export interface Point {
  x: number;
  y: number;
}

/** A uniformly random point of the rectangle. */
export function randomPointIn(region: Bounds, random: () => number): Point {
  return {
    x: region.minX + random() * (region.maxX - region.minX),
    y: region.minY + random() * (region.maxY - region.minY),
  };
}

/** Metres from the point to the nearest point of the rectangle; 0 inside it. */
export function distanceOutside(point: Point, region: Bounds): number {
  const dx = Math.max(region.minX - point.x, 0, point.x - region.maxX);
  const dy = Math.max(region.minY - point.y, 0, point.y - region.maxY);
  return Math.hypot(dx, dy);
}

export function clampInto(point: Point, region: Bounds): Point {
  return {
    x: Math.min(region.maxX, Math.max(region.minX, point.x)),
    y: Math.min(region.maxY, Math.max(region.minY, point.y)),
  };
}

/** The part of `region` within `radius` of `centre` (a square, to keep the draw uniform and cheap); the point itself when they do not meet. */
export function around(centre: Point, radius: number, region: Bounds): Bounds {
  const near = {
    minX: Math.max(region.minX, centre.x - radius),
    minY: Math.max(region.minY, centre.y - radius),
    maxX: Math.min(region.maxX, centre.x + radius),
    maxY: Math.min(region.maxY, centre.y + radius),
  };
  if (near.minX > near.maxX || near.minY > near.maxY) {
    const inside = clampInto(centre, region);
    return { minX: inside.x, minY: inside.y, maxX: inside.x, maxY: inside.y };
  }
  return near;
}
