import type { Database } from './database.js';
import type { ZoneRecord } from './records.js';

/** Where new characters start unless told otherwise. */
export const STARTING_ZONE_ID = 'zone-crossroads';

/**
 * The seed world: three 200 m × 200 m zones in a row along x, each sharing a
 * border with the next (forest | crossroads | city). Adjacency is listed in
 * both directions because a border is crossable both ways. The city is safe,
 * the crossroads allows duels, the forest is open to all player fighting.
 */
export const SEED_WORLD: readonly ZoneRecord[] = [
  {
    id: 'zone-forest',
    name: 'Whispering Forest',
    bounds: { minX: -200, minY: 0, maxX: 0, maxY: 200 },
    spawn: { x: -100, y: 100 },
    adjacentZoneIds: ['zone-crossroads'],
    pvp: 'open',
  },
  {
    id: 'zone-crossroads',
    name: 'The Crossroads',
    bounds: { minX: 0, minY: 0, maxX: 200, maxY: 200 },
    spawn: { x: 100, y: 100 },
    adjacentZoneIds: ['zone-city', 'zone-forest'],
    pvp: 'duel',
  },
  {
    id: 'zone-city',
    name: 'Aether City',
    bounds: { minX: 200, minY: 0, maxX: 400, maxY: 200 },
    spawn: { x: 300, y: 100 },
    adjacentZoneIds: ['zone-crossroads'],
    pvp: 'safe',
  },
];

export interface SeedResult {
  zones: number;
  adjacencies: number;
}

/**
 * Makes the database contain the seed world; safe to run on every start.
 * Zones are upserted so edits to SEED_WORLD reach existing databases, and
 * nothing that is not in the seed (zones added by operators) is removed.
 */
export async function seedWorld(db: Pick<Database, 'client'>, world: readonly ZoneRecord[] = SEED_WORLD): Promise<SeedResult> {
  const links = world.flatMap((zone) => zone.adjacentZoneIds.map((adjacentZoneId) => ({ zoneId: zone.id, adjacentZoneId })));
  try {
    await db.client.$transaction([
      ...world.map((zone) => {
        const fields = {
          name: zone.name,
          minX: zone.bounds.minX,
          minY: zone.bounds.minY,
          maxX: zone.bounds.maxX,
          maxY: zone.bounds.maxY,
          spawnX: zone.spawn.x,
          spawnY: zone.spawn.y,
          pvp: zone.pvp,
        };
        return db.client.zone.upsert({ where: { id: zone.id }, create: { id: zone.id, ...fields }, update: fields });
      }),
      db.client.zoneAdjacency.createMany({ data: links, skipDuplicates: true }),
    ]);
  } catch (error) {
    throw new Error('could not seed the world', { cause: error });
  }
  return { zones: world.length, adjacencies: links.length };
}
