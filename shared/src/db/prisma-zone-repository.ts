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
    }));
  }
}
