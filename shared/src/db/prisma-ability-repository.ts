import type { AbilityRepository } from './ability-repository.js';
import type { AbilityRecord } from './combat-records.js';
import type { Ability, PrismaClient } from './generated/client.js';
import { isUuid } from './uuid.js';

export class PrismaAbilityRepository implements AbilityRepository {
  constructor(private readonly client: PrismaClient) {}

  async listAbilities(): Promise<AbilityRecord[]> {
    const rows = await this.client.ability.findMany({ orderBy: { id: 'asc' } });
    return rows.map(toAbilityRecord);
  }

  async listLearned(characterId: string): Promise<string[]> {
    if (!isUuid(characterId)) return [];
    const rows = await this.client.characterAbility.findMany({ where: { characterId }, orderBy: { abilityId: 'asc' }, select: { abilityId: true } });
    return rows.map((row) => row.abilityId);
  }
}

export function toAbilityRecord(row: Ability): AbilityRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    archetype: row.archetype,
    level: row.level,
    target: row.target,
    effect: row.effect,
    power: row.power,
    scalingStat: row.scalingStat,
    scaling: row.scaling,
    duration: row.duration,
    magnitude: row.magnitude,
    range: row.range,
    castTime: row.castTime,
    cooldown: row.cooldown,
    atbCost: row.atbCost,
    staminaCost: row.staminaCost,
    manaCost: row.manaCost,
  };
}
