import { createDatabase } from '@aether/shared/db';
import type { PlannedBot } from '../crowded-zone/placement.js';
import { WORKLOAD } from '../crowded-zone/workload.js';
import type { WorldPlan } from './world-plan.js';

/**
 * Adds the plan's zones to a bench database (crowded-zone's, which holds
 * every bot in bench-field) and moves each bot's character into its zone.
 * Every zone has bench-field's size, so the planned positions fit in any.
 */
export async function placeInZones(databaseUrl: string, world: WorldPlan, bots: readonly PlannedBot[]): Promise<void> {
  const { client, close } = createDatabase(databaseUrl, { poolSize: 2 });
  try {
    const half = WORKLOAD.size / 2;
    const zones = world.zoneServers.flatMap((server) => server.zones);
    for (const [i, id] of zones.entries()) {
      await client.zone.create({
        data: { id, name: `Capacity Field ${i + 1}`, minX: 0, minY: 0, maxX: WORKLOAD.size, maxY: WORKLOAD.size, spawnX: half, spawnY: half },
      });
      const names = bots.filter((bot) => world.zoneOfBot[bot.index] === id).map((bot) => bot.character);
      await client.character.updateMany({ where: { name: { in: names } }, data: { zoneId: id } });
    }
  } catch (error) {
    throw new Error('could not spread the bots over the capacity zones', { cause: error });
  } finally {
    await close();
  }
}
