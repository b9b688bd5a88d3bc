/** Compass geometry: degrees, 0 = north (+y), 90 = east (+x). */

const RAD = Math.PI / 180;

export function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

export function bearing(fromX: number, fromY: number, toX: number, toY: number): number {
  const degrees = Math.atan2(toX - fromX, toY - fromY) / RAD;
  return (degrees + 360) % 360;
}

export function step(x: number, y: number, heading: number, distance: number): { x: number; y: number } {
  return { x: x + Math.sin(heading * RAD) * distance, y: y + Math.cos(heading * RAD) * distance };
}

/** To 0.1°, as servers echo it, in [0, 360). */
export function roundHeading(heading: number): number {
  return (Math.round(heading * 10) / 10) % 360;
}
