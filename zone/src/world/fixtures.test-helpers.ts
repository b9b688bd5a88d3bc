import type { Entity, ZoneDef } from './types.js';

export const testZone: ZoneDef = {
  id: 'zone-test',
  name: 'Test Field',
  bounds: { minX: 0, minY: 0, maxX: 200, maxY: 200 },
  spawn: { x: 100, y: 100 },
  adjacent: ['zone-east'],
};

export function player(name: string, x: number, y: number, extra: Partial<Entity> = {}): Entity {
  return {
    id: `c:${name}`,
    kind: 'player',
    name,
    x,
    y,
    z: 0,
    heading: 0,
    maxSpeed: 5,
    intent: { kind: 'idle' },
    player: {
      characterId: name,
      archetype: 'warrior',
      level: 1,
      resources: { hp: 100, maxHp: 100, stamina: 50, maxStamina: 50, mana: 20, maxMana: 20 },
    },
    ...extra,
  };
}

/** A zone with the forest over its western edge: what stands within perception of x = 0 is reported across. */
export const crossroads: ZoneDef = {
  ...testZone,
  id: 'zone-crossroads',
  name: 'Crossroads',
  adjacent: ['zone-forest'],
  neighbors: [{ id: 'zone-forest', bounds: { minX: -200, minY: 0, maxX: 0, maxY: 200 } }],
};

interface SideBySide {
  ids?: readonly [west: string, east: string];
  names?: readonly [west: string, east: string];
  /** Each zone also knows the other's bounds, so speech and fights reach over the border. */
  neighbors?: boolean;
}

/** Two 200 m square zones side by side along x = 200, west and east, each adjacent to the other. */
export function westAndEast({
  ids = ['zone-west', 'zone-east'],
  names = ['West', 'East'],
  neighbors = false,
}: SideBySide = {}): [west: ZoneDef, east: ZoneDef] {
  const square = (side: 0 | 1): ZoneDef => {
    const minX = 200 * side;
    return {
      id: ids[side],
      name: names[side],
      bounds: { minX, minY: 0, maxX: minX + 200, maxY: 200 },
      spawn: { x: minX + 100, y: 100 },
      adjacent: [ids[1 - side]!],
    };
  };
  const [west, east] = [square(0), square(1)];
  if (neighbors) {
    west.neighbors = [{ id: east.id, bounds: east.bounds }];
    east.neighbors = [{ id: west.id, bounds: west.bounds }];
  }
  return [west, east];
}
