import { InMemoryBroker, InMemoryBus, Registry, type ZoneAssignmentRecord } from '@aether/shared';
import { createLogger } from '@aether/shared/observability';
import { Registry as MetricsRegistry } from 'prom-client';
import type { ZoneDef } from '../world/types.js';
import { OwnershipManager, type OwnershipOptions } from './ownership-manager.js';
import { OwnershipMetrics } from './ownership-metrics.js';

// Wide enough a margin (TTL − interval) that a busy test machine does not lapse a lease by itself.
const LEASE_TTL_MS = 600;
const RENEW_EVERY_MS = 150;
const SAFETY_MARGIN_MS = (LEASE_TTL_MS - RENEW_EVERY_MS) / 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lease upkeep with short timings on the in-memory bus: renewal must keep
 * every lease alive whatever the claim/release side is waiting for.
 */
describe('OwnershipManager lease renewal', () => {
  const managers: OwnershipManager[] = [];
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((manager) => manager.stop()));
  });

  const setUp = (overrides: Partial<OwnershipOptions> = {}) => {
    const broker = new InMemoryBroker();
    const bus = new InMemoryBus({ source: 's1' }, broker);
    const registry = new Registry(bus);
    // Another process's view of Redis, untouched by anything the test slows down.
    const observer = new Registry(new InMemoryBus({ source: 'observer' }, broker));
    const removed: Array<{ zoneId: string; mode: string }> = [];
    const logger = createLogger({ level: 'silent', base: {}, pretty: false });
    const warnings: string[] = [];
    logger.warn = ((_details: object, message: string) => void warnings.push(message)) as typeof logger.warn;
    const metrics = new OwnershipMetrics(new MetricsRegistry());
    const options: OwnershipOptions = {
      serverId: 's1',
      mode: { kind: 'assigned' },
      zones: new Map([['z', { id: 'z' } as ZoneDef]]),
      registry,
      bus,
      fences: { claimOwnerEpoch: async (_zoneId, epoch) => ({ won: true, ownerEpoch: epoch }) },
      simulator: {
        addZone: async () => undefined,
        removeZone: async (zoneId, mode) => void removed.push({ zoneId, mode }),
      },
      logger,
      metrics,
      leaseTtlMs: LEASE_TTL_MS,
      renewEveryMs: RENEW_EVERY_MS,
      pollEveryMs: 50,
      ...overrides,
    };
    const manager = new OwnershipManager(options);
    managers.push(manager);
    const assign = (record: ZoneAssignmentRecord) => observer.setAssignment('z', record);
    return { manager, registry, observer, removed, warnings, metrics, assign };
  };

  it('keeps the lease while the assignment listing hangs', async () => {
    const { manager, registry, observer, removed, assign } = setUp();
    await assign({ serverId: 's1', epoch: 1, assignedAt: 0 });
    await manager.start();
    expect(manager.zones).toEqual(['z']);
    let unblock!: () => void;
    const blocked = new Promise<void>((resolve) => (unblock = resolve));
    const list = registry.listAssignments.bind(registry);
    registry.listAssignments = async () => {
      await blocked;
      return list();
    };
    await sleep(LEASE_TTL_MS * 4);
    expect(await observer.getLease('z')).toEqual({ serverId: 's1', epoch: 1 });
    expect(removed).toEqual([]);
    unblock();
  });

  it('keeps the lease while the zone loads', async () => {
    const { manager, observer, removed, assign } = setUp({
      simulator: { addZone: () => sleep(LEASE_TTL_MS * 4), removeZone: async () => undefined },
    });
    await assign({ serverId: 's1', epoch: 1, assignedAt: 0 });
    const started = manager.start();
    await sleep(LEASE_TTL_MS * 3);
    expect(await observer.getLease('z')).toEqual({ serverId: 's1', epoch: 1 });
    await started;
    expect(manager.zones).toEqual(['z']);
    expect(removed).toEqual([]);
  });

  it('stops a zone whose lease was taken while it loaded, once it has loaded', async () => {
    const removed: string[] = [];
    const { manager, observer, assign } = setUp({
      simulator: { addZone: () => sleep(RENEW_EVERY_MS * 3), removeZone: async (_zoneId, mode) => void removed.push(mode) },
    });
    await assign({ serverId: 's1', epoch: 1, assignedAt: 0 });
    const started = manager.start();
    await sleep(RENEW_EVERY_MS / 2);
    await observer.releaseLease('z', { serverId: 's1', epoch: 1 });
    await observer.acquireLease('z', { serverId: 's2', epoch: 2 }, 60_000);
    await started;
    expect(removed).toEqual(['lost']);
    expect(manager.zones).toEqual([]);
    expect(await observer.getLease('z')).toEqual({ serverId: 's2', epoch: 2 });
  });

  it('logs and counts a renewal slower than the safety margin', async () => {
    const { manager, registry, warnings, metrics, assign } = setUp();
    await assign({ serverId: 's1', epoch: 1, assignedAt: 0 });
    await manager.start();
    const renew = registry.renewLease.bind(registry);
    registry.renewLease = async (...args) => {
      await sleep(SAFETY_MARGIN_MS + 50);
      return renew(...args);
    };
    await sleep(RENEW_EVERY_MS + SAFETY_MARGIN_MS + 300);
    expect((await metrics.slowRenewals.get()).values[0]?.value).toBeGreaterThanOrEqual(1);
    expect(warnings).toContain('lease renewal took longer than its safety margin; leases may lapse');
    expect(manager.zones).toEqual(['z']);
  });

  it('stops the zone at once when another server holds the lease', async () => {
    const { manager, observer, removed, assign } = setUp();
    await assign({ serverId: 's1', epoch: 1, assignedAt: 0 });
    await manager.start();
    await observer.releaseLease('z', { serverId: 's1', epoch: 1 });
    await observer.acquireLease('z', { serverId: 's2', epoch: 2 }, 60_000);
    await sleep(RENEW_EVERY_MS * 2);
    expect(removed).toEqual([{ zoneId: 'z', mode: 'lost' }]);
    expect(manager.zones).toEqual([]);
  });

  it('releases the lease on stop, and renews nothing afterwards', async () => {
    const { manager, observer, assign } = setUp();
    await assign({ serverId: 's1', epoch: 1, assignedAt: 0 });
    await manager.start();
    await manager.stop();
    expect(await observer.getLease('z')).toBeNull();
    await sleep(RENEW_EVERY_MS * 2);
    expect(await observer.getLease('z')).toBeNull();
  });

  /** The database's fence at `floor`, as after a Redis flush reset the counter below it. */
  const fencedAt = (floor: number) => {
    let owner = floor;
    const added: number[] = [];
    return {
      added,
      fences: {
        claimOwnerEpoch: async (_zoneId: string, epoch: number) => {
          const won = epoch > owner;
          if (won) owner = epoch;
          return { won, ownerEpoch: owner };
        },
      },
      simulator: { addZone: async (_zone: ZoneDef, epoch: number) => void added.push(epoch), removeZone: async () => undefined },
    };
  };

  it('claims an assigned zone under a fresh epoch above the database when the assigned one is behind it', async () => {
    const db = fencedAt(7);
    const { manager, observer, assign } = setUp({ fences: db.fences, simulator: db.simulator });
    await assign({ serverId: 's1', epoch: 1, assignedAt: 0 });
    await manager.start();
    expect(manager.zones).toEqual(['z']);
    expect(db.added).toEqual([8]);
    expect(await observer.getLease('z')).toEqual({ serverId: 's1', epoch: 8 });
    // The counter is past the database, so the operator's next draw is above this claim.
    expect(await observer.nextEpoch()).toBe(9);
    // The operator's record keeps its epoch, and a claim above it is not redone each round.
    await sleep(200);
    expect(db.added).toEqual([8]);
    expect((await observer.getAssignment('z'))?.epoch).toBe(1);
  });

  it('claims a static zone under a fresh epoch above the database when the counter is behind it', async () => {
    const db = fencedAt(7);
    const { manager, observer } = setUp({ mode: { kind: 'static', zones: ['z'] }, fences: db.fences, simulator: db.simulator });
    await manager.start();
    expect(manager.zones).toEqual(['z']);
    expect(db.added).toEqual([8]);
    expect(await observer.getAssignment('z')).toMatchObject({ serverId: 's1', epoch: 8 });
  });

  it('claims a static zone under a fresh epoch when the drawn one equals the database’s: it was handed out before', async () => {
    const db = fencedAt(1);
    const { manager } = setUp({ mode: { kind: 'static', zones: ['z'] }, fences: db.fences, simulator: db.simulator });
    await manager.start();
    expect(db.added).toEqual([2]);
  });

  it('re-claims an assigned zone under the assigned epoch the database already holds (a restart of its owner)', async () => {
    const db = fencedAt(3);
    const { manager, observer, assign } = setUp({ fences: db.fences, simulator: db.simulator });
    await assign({ serverId: 's1', epoch: 3, assignedAt: 0 });
    await manager.start();
    expect(db.added).toEqual([3]);
    expect(await observer.getLease('z')).toEqual({ serverId: 's1', epoch: 3 });
  });
});
