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
