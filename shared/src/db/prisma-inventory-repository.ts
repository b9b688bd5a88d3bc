import type { InventoryRecord } from './combat-records.js';
import { isForeignKeyViolation, NotFoundError } from './errors.js';
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

  async setSlot(characterId: string, slot: number, itemId: string, quantity: number): Promise<void> {
    if (!Number.isInteger(slot) || slot < 0) throw new RangeError(`slot must be a whole number ≥ 0, not ${slot}`);
    if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError(`quantity must be a whole number ≥ 0, not ${quantity}`);
    if (!isUuid(characterId)) throw new NotFoundError('character', characterId);
    try {
      if (quantity === 0) {
        await this.client.inventoryItem.deleteMany({ where: { characterId, slot } });
        return;
      }
      await this.client.inventoryItem.upsert({
        where: { characterId_slot: { characterId, slot } },
        create: { characterId, slot, itemId, quantity },
        update: { itemId, quantity },
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new NotFoundError('character or item', `${characterId}/${itemId}`, { cause: error });
      throw new Error(`could not set inventory slot ${slot} of character ${characterId}`, { cause: error });
    }
  }
}
