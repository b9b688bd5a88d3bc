import { SEED_WORLD, STARTING_ZONE_ID } from './seed-world.js';

describe('SEED_WORLD', () => {
  const byId = new Map(SEED_WORLD.map((zone) => [zone.id, zone]));

  it('has the starting zone, forest west of it and city east of it', () => {
    expect(byId.get(STARTING_ZONE_ID)?.bounds).toEqual({ minX: 0, minY: 0, maxX: 200, maxY: 200 });
    expect(byId.get('zone-forest')?.bounds.maxX).toBe(0);
    expect(byId.get('zone-city')?.bounds.minX).toBe(200);
  });

  it('lists every adjacency in both directions, between zones that share a border', () => {
    for (const zone of SEED_WORLD) {
      for (const otherId of zone.adjacentZoneIds) {
        const other = byId.get(otherId);
        expect(other?.adjacentZoneIds).toContain(zone.id);
        const touchOnX = other!.bounds.minX === zone.bounds.maxX || other!.bounds.maxX === zone.bounds.minX;
        const touchOnY = other!.bounds.minY === zone.bounds.maxY || other!.bounds.maxY === zone.bounds.minY;
        expect(touchOnX || touchOnY).toBe(true);
      }
    }
  });

  it('puts every spawn point inside its zone', () => {
    for (const { bounds, spawn } of SEED_WORLD) {
      expect(spawn.x).toBeGreaterThan(bounds.minX);
      expect(spawn.x).toBeLessThan(bounds.maxX);
      expect(spawn.y).toBeGreaterThan(bounds.minY);
      expect(spawn.y).toBeLessThan(bounds.maxY);
    }
  });
});
