import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PrismaZoneRepository } from '@aether/shared/db';
import { createLogger } from '@aether/shared/observability';
import { OwnershipManager } from '../src/ownership/ownership-manager.js';
import { DatabaseZoneCatalog } from '../src/persistence/database-stores.js';
import type { ZoneDef } from '../src/world/types.js';
import { until, ZoneWorld, type ZoneServer } from './zone-world.js';

const ZONE = 'zone-crossroads';

/**
 * The epoch counter lives in Redis, the fence in PostgreSQL (docs/design.md §5).
 * After a FLUSHALL the counter starts again from zero, so the epoch assigned
 * next is below the database's owner_epoch; the claiming server must run under
 * an epoch above it, or every game write it makes is refused as stale.
 */
describe('zone ownership after a Redis flush (Redis, PostgreSQL)', () => {
  let world: ZoneWorld;
  let zone: ZoneDef;
  const managers: OwnershipManager[] = [];

  beforeAll(async () => {
    world = await ZoneWorld.start();
    zone = (await new DatabaseZoneCatalog(new PrismaZoneRepository(world.db.client)).listZones()).find((z) => z.id === ZONE)!;
  }, 60_000);
  afterAll(async () => {
    for (const manager of managers.splice(0)) await manager.stop().catch(() => undefined);
    await world?.close();
  });

  const own = async (serverId: string): Promise<{ server: ZoneServer; manager: OwnershipManager }> => {
    const server = await world.server(serverId, []);
    const manager = new OwnershipManager({
      serverId,
      mode: { kind: 'assigned' },
      zones: new Map([[ZONE, zone]]),
      registry: server.registry,
      bus: server.bus,
      fences: new PrismaZoneRepository(world.db.client),
      simulator: server.host,
      logger: createLogger({ level: 'silent' }),
      pollEveryMs: 100,
    });
    managers.push(manager);
    await manager.start();
    return { server, manager };
  };
  /** What the operator does: draw an epoch and write the assignment. */
  const assign = async (serverId: string, epoch: number) => {
    await world.gatewayRegistry.setAssignment(ZONE, { serverId, epoch, assignedAt: Date.now() });
    await world.gatewayRegistry.announceAssignments([ZONE]);
  };
  const ownerEpoch = async () => Number((await world.db.client.zone.findUniqueOrThrow({ where: { id: ZONE } })).ownerEpoch);

  it('claims above the database epoch and keeps playing', async () => {
    const first = await own('zone-server-1');
    await assign('zone-server-1', await world.gatewayRegistry.ensureEpochAbove(4));
    await until(() => first.manager.zones.includes(ZONE), 'the first claim');
    expect(await ownerEpoch()).toBe(5);
    await first.manager.stop();

    await promisify(execFile)('redis-cli', ['-u', world.redis.url, 'FLUSHALL']);
    // The operator's memory of epochs is gone too (say, the resource was re-created): it draws 1.
    const second = await own('zone-server-2');
    await assign('zone-server-2', await world.gatewayRegistry.nextEpoch());
    await until(() => second.manager.zones.includes(ZONE), 'the claim after the flush');
    const lease = await world.gatewayRegistry.getLease(ZONE);
    expect(lease?.serverId).toBe('zone-server-2');
    expect(lease!.epoch).toBeGreaterThan(5);
    expect(await ownerEpoch()).toBe(lease!.epoch);
    // The operator's next draw is above the running epoch.
    expect(await world.gatewayRegistry.nextEpoch()).toBeGreaterThan(lease!.epoch);

    // Play resumes: a player's session saves under the running epoch and is not fenced off.
    const { characterId } = await world.character('Survivor', { zoneId: ZONE, x: 60, y: 60 });
    const inbox = await world.inbox('gw-1');
    await world.publish(ZONE, 'player.join', { characterId, gatewayId: 'gw-1', sessionId: 'session-1' });
    await until(() => inbox.messages.some((m) => m.characterId === characterId && m.event === 'world_enter'), 'the join');
    await world.publish(ZONE, 'player.leave', { characterId, sessionId: 'session-1' });
    await until(async () => (await second.server.registry.getLocation(characterId)) === null, 'the leave’s save');
    expect(second.server.host.zoneIds).toEqual([ZONE]);
    expect(second.manager.zones).toEqual([ZONE]);
  }, 60_000);
});
