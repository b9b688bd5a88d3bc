import { randomUUID } from 'node:crypto';
import { characterNameKey, createDatabase } from '@aether/shared/db';
import { createTestDatabase } from '@aether/testing';
import type { PlannedBot } from './placement.js';
import { WORKLOAD } from './workload.js';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Rows per createMany: well under PostgreSQL's 65535 bind parameters. */
const BATCH = 2000;

/**
 * A fresh database on `postgresUrl` (a server we may create databases on),
 * migrated with the migrations of the server under test, holding the bench
 * zone and one account and character per bot where the plan puts it. The
 * server seeds its own world on start; bench-field is left alone by it.
 */
export async function createBenchDatabase(postgresUrl: string, migrationsDir: string, bots: readonly PlannedBot[]): Promise<BenchDatabase> {
  // A migrated template per migrations content, copied for each run: a run starts from the same state, quickly.
  const database = await createTestDatabase(postgresUrl, { migrationsDir });
  const { client, close } = createDatabase(database.url, { poolSize: 2 });
  try {
    const half = WORKLOAD.size / 2;
    await client.zone.create({
      data: { id: WORKLOAD.zoneId, name: WORKLOAD.zoneName, minX: 0, minY: 0, maxX: WORKLOAD.size, maxY: WORKLOAD.size, spawnX: half, spawnY: half },
    });
    const accounts = bots.map((bot) => ({ id: randomUUID(), username: bot.name }));
    for (let start = 0; start < bots.length; start += BATCH) {
      // Only the columns every schema version has: the client of this checkout would also write the newer
      // columns' defaults, which an older server's migrations (--server-root) did not create.
      const batch = accounts.slice(start, start + BATCH);
      await client.$executeRaw`INSERT INTO account (id, username) SELECT * FROM unnest(${batch.map((a) => a.id)}::uuid[], ${batch.map((a) => a.username)}::text[])`;
      await client.character.createMany({
        data: bots.slice(start, start + BATCH).map((bot, i) => ({
          accountId: accounts[start + i]!.id,
          name: bot.character,
          nameKey: characterNameKey(bot.character),
          archetype: 'warrior',
          zoneId: WORKLOAD.zoneId,
          x: bot.x,
          y: bot.y,
        })),
      });
    }
  } catch (error) {
    await close().catch(() => {});
    await database.drop().catch(() => {});
    throw new Error(`could not seed ${bots.length} bots into the bench database`, { cause: error });
  }
  await close();
  return database;
}
