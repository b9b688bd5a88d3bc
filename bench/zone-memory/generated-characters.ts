import type { CharacterRecord, CharacterStore, PositionSnapshot } from '@aether/zone';

/**
 * Character ids shaped like the database's UUIDs (the same string length the
 * zone keys its maps with), derived from a number so nothing has to
 * remember them: the benchmark must not hold per-player state of its own,
 * or it would be counted as the zone's.
 */
export function characterId(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`character index must be a whole number ≥ 0, got ${index}`);
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

function indexOf(id: string): number {
  const match = /^00000000-0000-4000-8000-([0-9a-f]{12})$/.exec(id);
  if (!match) throw new Error(`not a benchmark character id: ${id}`);
  return Number.parseInt(match[1]!, 16);
}

/** A number in [0, 1) that depends only on (index, salt): positions repeat from run to run. */
export function unitHash(index: number, salt: number): number {
  let h = Math.imul(index ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 0x27d4eb2f, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

export interface GeneratedCharactersOptions {
  zoneId: string;
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

/**
 * The zone's CharacterStore for the benchmark: `load` makes a level-1
 * character standing at a scattered spot in the zone from the id alone;
 * saves are accepted and dropped (counted, so a run shows checkpoints ran).
 */
export class GeneratedCharacters implements CharacterStore {
  saves = 0;

  constructor(private readonly options: GeneratedCharactersOptions) {}

  async load(id: string): Promise<CharacterRecord | null> {
    const index = indexOf(id);
    const { minX, minY, maxX, maxY } = this.options.bounds;
    return {
      id,
      name: `Bot${index}`,
      level: 1,
      archetype: (['warrior', 'ranger', 'mage'] as const)[index % 3]!,
      zoneId: this.options.zoneId,
      x: minX + unitHash(index, 1) * (maxX - minX),
      y: minY + unitHash(index, 2) * (maxY - minY),
      z: 0,
      heading: Math.floor(unitHash(index, 3) * 360),
      hp: 100,
      maxHp: 100,
      stamina: 50,
      maxStamina: 50,
      mana: 20,
      maxMana: 20,
    };
  }

  async savePositions(snapshots: PositionSnapshot[]): Promise<void> {
    this.saves += snapshots.length;
  }
}
