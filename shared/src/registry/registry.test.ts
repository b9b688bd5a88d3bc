import { InMemoryBus } from '../bus/in-memory-bus.js';
import { Registry } from './registry.js';

describe('Registry (in-memory bus; the Redis bus passes the same bus contract)', () => {
  const make = () => {
    const malformed: string[] = [];
    const bus = new InMemoryBus({ source: 'test' });
    return { bus, registry: new Registry(bus, (key) => malformed.push(key)), malformed };
  };

  it('leases: one holder, renewal only by the holder, release only by the holder', async () => {
    const { registry } = make();
    const mine = { serverId: 'a', epoch: 1 };
    const theirs = { serverId: 'b', epoch: 2 };
    expect(await registry.acquireLease('z', mine, 1000)).toBe(true);
    expect(await registry.acquireLease('z', theirs, 1000)).toBe(false);
    expect(await registry.renewLease('z', theirs, 1000)).toBe(false);
    expect(await registry.renewLease('z', mine, 1000)).toBe(true);
    expect(await registry.releaseLease('z', theirs)).toBe(false);
    expect(await registry.releaseLease('z', mine)).toBe(true);
    expect(await registry.getLease('z')).toBeNull();
  });

  it('takes over a lease left by its own previous life', async () => {
    const { registry } = make();
    await registry.acquireLease('z', { serverId: 'a', epoch: 1 }, 1000);
    expect(await registry.renewLeaseFrom('z', { serverId: 'a', epoch: 1 }, { serverId: 'a', epoch: 5 }, 1000)).toBe(true);
    expect(await registry.getLease('z')).toEqual({ serverId: 'a', epoch: 5 });
  });

  it('epochs grow, and skip past a floor after the counter was lost', async () => {
    const { registry } = make();
    expect(await registry.nextEpoch()).toBe(1);
    expect(await registry.nextEpoch()).toBe(2);
    expect(await registry.ensureEpochAbove(40)).toBe(41);
    expect(await registry.nextEpoch()).toBe(42);
  });

  it('lists assignments and heartbeats by id, ignoring malformed values', async () => {
    const { bus, registry, malformed } = make();
    await registry.setAssignment('zone-a', { serverId: 's1', epoch: 3, assignedAt: 1 });
    await bus.set('zone:assignment:zone-bad', '{"serverId":');
    await registry.heartbeat('s1', { type: 'zone', zones: ['zone-a'], players: 2, tickP99Ms: 1.5, ts: 10 });
    expect([...(await registry.listAssignments())]).toEqual([['zone-a', { serverId: 's1', epoch: 3, assignedAt: 1 }]]);
    expect(malformed).toEqual(['zone:assignment:zone-bad']);
    expect((await registry.listHeartbeats()).get('s1')).toMatchObject({ type: 'zone', players: 2 });
  });

  it('refuses to write a malformed record', async () => {
    const { registry } = make();
    await expect(registry.setAssignment('z', { serverId: '', epoch: -1, assignedAt: 0 })).rejects.toThrow();
  });

  it('clears a player location only if it still says the same', async () => {
    const { registry } = make();
    const here = { zoneId: 'a', serverId: 's1', gatewayId: 'g1' };
    await registry.setLocation('c1', { ...here, zoneId: 'b' });
    await registry.clearLocation('c1', here);
    expect(await registry.getLocation('c1')).toEqual({ ...here, zoneId: 'b' });
  });
});
