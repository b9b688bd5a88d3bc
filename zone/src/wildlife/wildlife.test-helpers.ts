// Builders for wildlife tests (not used by the running zone).
import type { SpawnRuleRecord, SpeciesRecord } from '@aether/shared/db';

export function testSpecies(overrides: Partial<SpeciesRecord> = {}): SpeciesRecord {
  return {
    id: 'wolf',
    name: 'Grey wolf',
    temperament: 'aggressive',
    wanderSpeed: 1.5,
    runSpeed: 5.5,
    perception: 20,
    leashRange: 40,
    base: { hp: 55, strength: 11, agility: 12, intellect: 2, speed: 12 },
    perLevel: { hp: 9, strength: 1.2, agility: 1, intellect: 0, speed: 0.5 },
    weapon: { delay: 2.2, minDamage: 3, maxDamage: 7, range: 2 },
    secondsPerLevel: 100,
    ...overrides,
  };
}

export function testRule(overrides: Partial<SpawnRuleRecord> = {}): SpawnRuleRecord {
  return {
    id: 'test-wolves',
    zoneId: 'zone-test',
    species: testSpecies(),
    count: 3,
    minLevel: 2,
    maxLevel: 4,
    region: { minX: 40, minY: 40, maxX: 80, maxY: 80 },
    respawnSeconds: 30,
    ...overrides,
  };
}
