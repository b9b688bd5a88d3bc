const POINTS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'] as const;

/** Eight-point compass word for a bearing in degrees. */
export function compassPoint(bearingDegrees: number): (typeof POINTS)[number] {
  const index = Math.round((((bearingDegrees % 360) + 360) % 360) / 45) % 8;
  return POINTS[index]!;
}
