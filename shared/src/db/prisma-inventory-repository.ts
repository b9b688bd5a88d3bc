import type { InventoryRecord } from './combat-records.js';
import type { PrismaClient } from './generated/client.js';
import type { InventoryRepository } from './inventory-repository.js';
import { isUuid } from './uuid.js';

export class PrismaInventoryRepository implements InventoryRepository {
  constructor(private readonly client: PrismaClient) {}

  async listInventory(characterId: string): Promise<InventoryRecord[]> {
    if (!isUuid(characterId)) return [];
    return this.client.inventoryItem.findMany({
      where: { characterId },
      orderBy: { slot: 'asc' },
      select: { itemId: true, quantity: true, slot: true },
    });
  }
}
