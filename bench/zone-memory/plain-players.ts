import { characterId, unitHash } from './generated-characters.js';
import { sampleMedian, type MemorySample } from './memory-sample.js';

/** The plainest way to hold a player that walks: what the zone's cost is compared with. */
interface PlainPlayer {
  id: string;
  x: number;
  y: number;
  z: number;
  heading: number;
  speed: number;
}

export interface PlainMeasurement {
  players: number;
  empty: MemorySample;
  full: MemorySample;
}

/** The same N players (same ids, same spots) as a Map of plain objects, measured the same way as the zone. */
export async function measurePlainPlayers(players: number, zoneSize: number): Promise<PlainMeasurement> {
  const empty = await sampleMedian(3, 50);
  const held = new Map<string, PlainPlayer>();
  for (let i = 0; i < players; i += 1) {
    const id = characterId(i);
    held.set(id, { id, x: unitHash(i, 1) * zoneSize, y: unitHash(i, 2) * zoneSize, z: 0, heading: Math.floor(unitHash(i, 3) * 360), speed: 3 });
  }
  const full = await sampleMedian(3, 50);
  // Still reachable here, so the collections above could not take it.
  if (held.size !== players) throw new Error(`held ${held.size} plain players, expected ${players}`);
  return { players, empty, full };
}
