import {
  createDatabase,
  PrismaAccountRepository,
  PrismaCharacterChangeRepository,
  PrismaCharacterRepository,
  PrismaInventoryRepository,
  PrismaZoneRepository,
  seedCombat,
  seedWorld,
  type Database,
} from '@aether/shared/db';
import { createLogger } from '@aether/shared/observability';
import { createTestDatabase, type TestDatabase, waitFor } from '@aether/testing';
import { Registry } from 'prom-client';
import { ChangeOutbox } from '../src/persistence/outbox/change-outbox.js';
import { ZoneMetrics } from '../src/server/metrics.js';
import { TcpProxy } from './tcp-proxy.js';

const stats = { strength: 12, agility: 11, intellect: 10, speed: 10 };
const progress = (xp: number) => ({ progress: { level: 1, xp, stats, maxHp: 100, maxStamina: 100, maxMana: 100 } });

/**
 * The zone's game writes through a PostgreSQL outage (docs/database.md,
 * "Fenced game writes"): the zone reaches PostgreSQL through a TCP proxy that
 * the test cuts and restores, while the test itself reads the truth directly.
 */
describe('game writes through a database outage', () => {
  let testDb: TestDatabase;
  let direct: Database;
  let proxied: Database;
  let proxy: TcpProxy;
  let accountId: string;
  let epoch = 1;

  beforeAll(async () => {
    testDb = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    direct = createDatabase(testDb.url, { poolSize: 2 });
    await seedWorld(direct);
    await seedCombat(direct);
    accountId = (await new PrismaAccountRepository(direct.client).findOrCreateByUsername('outage')).id;
    const url = new URL(testDb.url);
    proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port) });
    url.port = String(proxy.port);
    proxied = createDatabase(url.toString(), { poolSize: 2 });
  }, 60_000);

  afterAll(async () => {
    await proxy?.restore();
    await proxied?.close();
    await direct?.close();
    await proxy?.cut();
    await testDb?.drop();
  });

  beforeEach(async () => {
    epoch += 1;
    await new PrismaZoneRepository(direct.client).raiseOwnerEpoch('zone-forest', epoch);
  });

  function outbox() {
    const registry = new Registry();
    const fencedOff: string[] = [];
    const subject = new ChangeOutbox({
      changes: new PrismaCharacterChangeRepository(proxied.client),
      metrics: new ZoneMetrics(registry),
      logger: createLogger({ level: 'silent', base: {} }),
      backoff: { baseMs: 50, maxMs: 200 },
      onFencedOff: (zoneId, fencedEpoch) => void fencedOff.push(`${zoneId}@${fencedEpoch}`),
    });
    const value = async (name: string, labels: Record<string, string> = {}) => {
      const values = (await registry.getSingleMetric(name)!.get()).values;
      return values.find((sample) => Object.entries(labels).every(([key, label]) => sample.labels[key] === label))?.value ?? 0;
    };
    return { subject, fencedOff, value };
  }

  const newCharacter = async (name: string) =>
    (await new PrismaCharacterRepository(direct.client).create(accountId, { name, archetype: 'warrior', zoneId: 'zone-forest' })).id;
  const changeRows = async (characterId: string) =>
    Number((await direct.client.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM character_change WHERE character_id = ${characterId}::uuid`)[0]?.n);

  it('keeps XP and loot made during an outage, retries them, and writes them once when PostgreSQL is back', async () => {
    const id = await newCharacter('Survivor');
    const { subject, value } = outbox();
    await proxy.cut();
    try {
      subject.add(id, { zoneId: 'zone-forest', epoch }, progress(50));
      subject.add(id, { zoneId: 'zone-forest', epoch }, { slot: { slot: 1, itemId: 'wolf-pelt', quantity: 2 } });
      await waitFor(async () => (await value('aether_zone_outbox_retries_total')) >= 3, { timeoutMs: 10_000 });
      subject.add(id, { zoneId: 'zone-forest', epoch }, progress(80));
      subject.add(id, { zoneId: 'zone-forest', epoch }, { slot: { slot: 1, itemId: 'wolf-pelt', quantity: 3 } });
      expect(await value('aether_zone_outbox_depth')).toBe(2);
      expect(await subject.flush([id], 300)).toBe(false);
    } finally {
      await proxy.restore();
    }
    expect(await subject.flush([id], 10_000)).toBe(true);
    expect(await new PrismaCharacterRepository(direct.client).findById(id)).toMatchObject({ xp: 80 });
    expect(await new PrismaInventoryRepository(direct.client).listInventory(id)).toEqual([{ slot: 1, itemId: 'wolf-pelt', quantity: 3 }]);
    expect(await changeRows(id)).toBe(2);
    expect(await value('aether_zone_outbox_drops_total')).toBe(0);
    expect(await value('aether_zone_outbox_depth')).toBe(0);
  }, 30_000);

  it('drops what it could not write before another owner took the zone: the new owner’s state is the truth', async () => {
    const id = await newCharacter('Orphan');
    const { subject, fencedOff, value } = outbox();
    await proxy.cut();
    try {
      subject.add(id, { zoneId: 'zone-forest', epoch }, progress(500));
      subject.add(id, { zoneId: 'zone-forest', epoch }, { slot: { slot: 1, itemId: 'wolf-pelt', quantity: 9 } });
      await waitFor(async () => (await value('aether_zone_outbox_retries_total')) >= 1, { timeoutMs: 10_000 });
      // Another zone server takes the zone over while this one cannot reach the database.
      await new PrismaZoneRepository(direct.client).raiseOwnerEpoch('zone-forest', epoch + 1);
    } finally {
      await proxy.restore();
    }
    expect(await subject.flush([id], 10_000)).toBe(true);
    expect(fencedOff).toEqual([`zone-forest@${epoch}`]);
    expect(await value('aether_zone_outbox_drops_total', { reason: 'stale_epoch' })).toBe(1);
    expect(await new PrismaCharacterRepository(direct.client).findById(id)).toMatchObject({ xp: 0 });
    expect(await new PrismaInventoryRepository(direct.client).listInventory(id)).toEqual([]);
    expect(await changeRows(id)).toBe(0);
  }, 30_000);
});
