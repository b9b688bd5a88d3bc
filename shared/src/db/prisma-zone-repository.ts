import { NotFoundError } from './errors.js';
import type { PrismaClient } from './generated/client.js';
import type { ZoneRecord } from './records.js';
import type { ZoneRepository } from './zone-repository.js';

export class PrismaZoneRepository implements ZoneRepository {
  constructor(private readonly client: PrismaClient) {}

  async listZones(): Promise<ZoneRecord[]> {
    const zones = await this.client.zone.findMany({
      orderBy: { id: 'asc' },
      include: { adjacent: { select: { adjacentZoneId: true }, orderBy: { adjacentZoneId: 'asc' } } },
    });
    return zones.map((zone) => ({
      id: zone.id,
      name: zone.name,
      bounds: { minX: zone.minX, minY: zone.minY, maxX: zone.maxX, maxY: zone.maxY },
      spawn: { x: zone.spawnX, y: zone.spawnY },
      adjacentZoneIds: zone.adjacent.map((link) => link.adjacentZoneId),
      pvp: zone.pvp,
    }));
  }

  async raiseOwnerEpoch(zoneId: string, epoch: number): Promise<number> {
    try {
      // GREATEST keeps the raise monotonic under concurrent claims; the row lock
      // waits for any checkpoint still writing under the old epoch (see savePositions).
      const rows = await this.client.$queryRaw<Array<{ owner_epoch: bigint }>>`
        UPDATE "zone" SET owner_epoch = GREATEST(owner_epoch, ${BigInt(epoch)}) WHERE id = ${zoneId} RETURNING owner_epoch`;
      const row = rows[0];
      if (!row) throw new NotFoundError('zone', zoneId);
      return Number(row.owner_epoch);
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      throw new Error(`could not raise the owner epoch of zone "${zoneId}"`, { cause: error });
    }
  }

  async claimOwnerEpoch(zoneId: string, epoch: number): Promise<{ won: boolean; ownerEpoch: number }> {
    try {
      // The row lock of a winning raise waits for any checkpoint still writing under the old epoch (see savePositions).
      const raised = await this.client.$queryRaw<Array<{ owner_epoch: bigint }>>`
        UPDATE "zone" SET owner_epoch = ${BigInt(epoch)} WHERE id = ${zoneId} AND owner_epoch < ${BigInt(epoch)} RETURNING owner_epoch`;
      if (raised[0]) return { won: true, ownerEpoch: Number(raised[0].owner_epoch) };
      const rows = await this.client.$queryRaw<Array<{ owner_epoch: bigint }>>`SELECT owner_epoch FROM "zone" WHERE id = ${zoneId}`;
      if (!rows[0]) throw new NotFoundError('zone', zoneId);
      return { won: false, ownerEpoch: Number(rows[0].owner_epoch) };
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      throw new Error(`could not claim the owner epoch of zone "${zoneId}"`, { cause: error });
    }
  }
}
