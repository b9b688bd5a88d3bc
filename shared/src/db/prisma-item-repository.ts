import type { ItemRecord } from './combat-records.js';
import type { Item, PrismaClient } from './generated/client.js';
import type { ItemRepository } from './item-repository.js';

export class PrismaItemRepository implements ItemRepository {
  constructor(private readonly client: PrismaClient) {}

  async listItems(): Promise<ItemRecord[]> {
    const rows = await this.client.item.findMany({ orderBy: { id: 'asc' } });
    return rows.map(toItemRecord);
  }
}

export function toItemRecord(row: Item): ItemRecord {
  const { weaponDelay, minDamage, maxDamage, weaponRange } = row;
  const weapon =
    weaponDelay !== null && minDamage !== null && maxDamage !== null && weaponRange !== null
      ? { delay: weaponDelay, minDamage, maxDamage, range: weaponRange }
      : null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    maxStack: row.maxStack,
    value: row.value,
    weapon,
    equipSlot: row.equipSlot,
    bonuses: { strength: row.strength, agility: row.agility, intellect: row.intellect, speed: row.speed, maxHp: row.maxHp },
    heal: row.heal,
    useCooldown: row.useCooldown,
  };
}
