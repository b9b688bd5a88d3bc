/** Someone who might hear: an entity id and a position in world coordinates. */
export interface Listener {
  entityId: string;
  x: number;
  y: number;
}

/**
 * The listeners within `range` metres of a point, measured in the horizontal
 * plane and inclusive of the edge (20 m away is within 20 m).
 */
export function withinEarshot<L extends Listener>(listeners: Iterable<L>, x: number, y: number, range: number): L[] {
  const r2 = range * range;
  const heard: L[] = [];
  for (const listener of listeners) {
    const dx = listener.x - x;
    const dy = listener.y - y;
    if (dx * dx + dy * dy <= r2) heard.push(listener);
  }
  return heard;
}
