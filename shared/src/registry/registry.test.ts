import { InMemoryBus } from '../bus/in-memory-bus.js';
import { Keys } from '../protocol/internal.js';
import { HEARTBEAT_TTL_MS } from './records.js';
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
    await bus.hashSet(Keys.zoneAssignmentIndex, 'zone-bad', 'token');
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

  describe('listings read an index, never the keyspace', () => {
    const beat = { type: 'zone' as const, zones: [], players: 0, tickP99Ms: 0, ts: 1 };
    const record = (serverId: string) => ({ serverId, epoch: 1, assignedAt: 1 });
    const makeCounting = (now = () => Date.now()) => {
      const bus = new InMemoryBus({ source: 'test', now });
      const scans: string[] = [];
      const keys = bus.keys.bind(bus);
      bus.keys = (prefix) => {
        scans.push(prefix);
        return keys(prefix);
      };
      return { bus, scans, registry: new Registry(bus) };
    };

    it('lists what was written and forgets what was deleted, without a scan once the index exists', async () => {
      const { bus, scans, registry } = makeCounting();
      await registry.setAssignment('a', record('s1'));
      await registry.setAssignment('b', record('s2'));
      await registry.heartbeat('s1', beat);
      await registry.deleteAssignment('a');
      expect([...(await registry.listAssignments()).keys()]).toEqual(['b']);
      expect([...(await registry.listHeartbeats()).keys()]).toEqual(['s1']);
      await registry.removeHeartbeat('s1');
      expect(await registry.listHeartbeats()).toEqual(new Map());
      expect(await bus.hashGetAll(Keys.zoneAssignmentIndex)).toEqual(new Map([['b', expect.any(String)]]));
      expect(scans).toEqual([]);
    });

    it('drops the entry of an expired heartbeat from the listing and from the index', async () => {
      let now = 1_000_000;
      const { bus, registry } = makeCounting(() => now);
      await registry.heartbeat('s1', beat);
      await registry.heartbeat('s2', beat);
      now += HEARTBEAT_TTL_MS / 2;
      await registry.heartbeat('s2', beat);
      now += HEARTBEAT_TTL_MS / 2 + 1;
      expect([...(await registry.listHeartbeats()).keys()]).toEqual(['s2']);
      expect([...(await bus.hashGetAll(Keys.serverHeartbeatIndex)).keys()]).toEqual(['s2']);
    });

    it('keeps the entry of a heartbeat re-written while a reader found it missing', async () => {
      const { bus, registry } = makeCounting();
      await bus.hashSet(Keys.serverHeartbeatIndex, 's1', 'left-by-an-expired-beat');
      const get = bus.get.bind(bus);
      let raced = false;
      bus.get = async (key) => {
        const value = await get(key);
        if (key === Keys.serverHeartbeat('s1') && !raced) {
          raced = true;
          await registry.heartbeat('s1', beat); // the server beats again between the reader's two steps
        }
        return value;
      };
      expect(await registry.listHeartbeats()).toEqual(new Map());
      expect([...(await registry.listHeartbeats()).keys()]).toEqual(['s1']);
    });

    it('indexes records an older version wrote without an index, with one scan per process', async () => {
      const { bus, scans, registry } = makeCounting();
      await bus.set(Keys.zoneAssignment('old'), JSON.stringify(record('s1')));
      await bus.set(Keys.serverHeartbeat('old-server'), JSON.stringify(beat));
      expect([...(await registry.listAssignments()).keys()]).toEqual(['old']);
      expect([...(await registry.listHeartbeats()).keys()]).toEqual(['old-server']);
      expect(scans.sort()).toEqual(['server:heartbeat:', 'zone:assignment:']);
      await registry.deleteAssignment('old');
      expect(await registry.listAssignments()).toEqual(new Map());
      await registry.listAssignments();
      // Another process (a fresh registry) finds the index and scans nothing.
      await new Registry(bus).listHeartbeats();
      expect(scans).toHaveLength(2);
    });
  });
});
