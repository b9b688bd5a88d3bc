import type { PrismaClient } from './generated/client.js';
import type { LootEntry, SpawnRule, Species } from './generated/client.js';
import type { WildlifeRepository } from './wildlife-repository.js';
import type { SpawnRuleRecord, SpeciesRecord } from './wildlife-records.js';

export class PrismaWildlifeRepository implements WildlifeRepository {
  constructor(private readonly client: PrismaClient) {}

  async listSpawnRules(zoneId?: string): Promise<SpawnRuleRecord[]> {
    try {
      const rows = await this.client.spawnRule.findMany({
        ...(zoneId === undefined ? {} : { where: { zoneId } }),
        include: { species: { include: { loot: { orderBy: { itemId: 'asc' } } } } },
        orderBy: [{ zoneId: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toRecord);
    } catch (error) {
      throw new Error(`could not list spawn rules${zoneId ? ` of ${zoneId}` : ''}`, { cause: error });
    }
  }
}

function toRecord(row: SpawnRule & { species: Species & { loot: LootEntry[] } }): SpawnRuleRecord {
  return {
    id: row.id,
    zoneId: row.zoneId,
    species: toSpecies(row.species),
    count: row.count,
    minLevel: row.minLevel,
    maxLevel: row.maxLevel,
    region: { minX: row.minX, minY: row.minY, maxX: row.maxX, maxY: row.maxY },
    respawnSeconds: row.respawnSeconds,
  };
}

function toSpecies(row: Species & { loot: LootEntry[] }): SpeciesRecord {
  return {
    id: row.id,
    name: row.name,
    temperament: row.temperament,
    wanderSpeed: row.wanderSpeed,
    runSpeed: row.runSpeed,
    perception: row.perception,
    leashRange: row.leashRange,
    base: { hp: row.hp, strength: row.strength, agility: row.agility, intellect: row.intellect, speed: row.speed },
    perLevel: {
      hp: row.hpPerLevel,
      strength: row.strengthPerLevel,
      agility: row.agilityPerLevel,
      intellect: row.intellectPerLevel,
      speed: row.speedPerLevel,
    },
    weapon: { delay: row.attackDelay, minDamage: row.minDamage, maxDamage: row.maxDamage, range: row.attackRange },
    secondsPerLevel: row.secondsPerLevel,
    loot: row.loot.map(({ itemId, chance, minQuantity, maxQuantity }) => ({ itemId, chance, minQuantity, maxQuantity })),
  };
}
