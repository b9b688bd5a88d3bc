import { RELEASED_SERVER_ID } from '../api/zone-assignment.js';
import {
  assignment,
  beat,
  budget,
  iso,
  leasesOf,
  NOW,
  pod,
  recordsOf,
  resource,
  serverStatus,
  settled,
  SETTINGS,
  SPEC,
  statefulSet,
} from './fixtures.test-helpers.js';
import { reconcile } from './reconcile.js';
import type { Action, Observed, Plan } from './types.js';

const kinds = (plan: Plan) => plan.actions.map((a) => a.kind);
const events = (plan: Plan) => plan.actions.filter((a): a is Extract<Action, { kind: 'event' }> => a.kind === 'event').map((a) => a.reason);
const status = (plan: Plan) => plan.actions.find((a): a is Extract<Action, { kind: 'updateStatus' }> => a.kind === 'updateStatus')?.status;
const stsUpdate = (plan: Plan) =>
  plan.actions.find(
    (a): a is Extract<Action, { kind: 'updateStatefulSet' | 'createStatefulSet' }> => a.kind === 'updateStatefulSet' || a.kind === 'createStatefulSet',
  )?.statefulSet;
const placed = (plan: Plan) => Object.fromEntries((status(plan)?.assignments ?? []).map((a) => [a.zoneId, `${a.server}@${a.epoch ?? 'new'}`]));
const condition = (plan: Plan, type: string) => {
  const c = status(plan)?.conditions?.find((x) => x.type === type);
  return c && `${c.status}/${c.reason}`;
};
const counted = (plan: Plan) =>
  Object.fromEntries(
    plan.actions.filter((a): a is Extract<Action, { kind: 'countReassignments' }> => a.kind === 'countReassignments').map((a) => [a.reason, a.count]),
  );
const written = (plan: Plan) => plan.actions.find((a): a is Extract<Action, { kind: 'writeAssignments' }> => a.kind === 'writeAssignments')?.zoneIds.sort();

/** world-1 lost for some reason: its two zones must go to world-0 with new epochs. */
function expectFailover(plan: Plan, reason: string) {
  expect(placed(plan)).toEqual({ 'zone-crossroads': 'world-0@3', 'zone-forest': 'world-0@new', 'zone-city': 'world-0@new' });
  expect(events(plan)).toEqual(expect.arrayContaining(['ServerLost', 'ZoneMoved', 'ServersUnavailable']));
  expect(counted(plan)).toEqual({ [reason]: 2 });
  expect(written(plan)).toEqual(['zone-city', 'zone-forest']);
  expect(condition(plan, 'Degraded')).toBe('True/ServersUnavailable');
  expect(condition(plan, 'Ready')).toBe('False/ZonesMoving');
  // Status (the source of truth) is written before Redis is told.
  expect(kinds(plan).indexOf('updateStatus')).toBeLessThan(kinds(plan).indexOf('writeAssignments'));
}

describe('reconcile', () => {
  it('asks for nothing when the world matches the spec (idempotent)', () => {
    const plan = reconcile(settled());
    expect(plan.actions).toEqual([]);
    expect(plan.requeueAfterMs).toBeUndefined();
    expect(plan.report.servers).toEqual({ ready: 2, draining: 0, starting: 0, lost: 0 });
  });

  it('does nothing for a resource being deleted (garbage collection removes the StatefulSet)', () => {
    const o = settled();
    expect(reconcile({ ...o, resource: { ...o.resource, deleting: true } }).actions).toEqual([]);
  });

  describe('a new resource', () => {
    const fresh = (extra: Partial<Observed> = {}): Observed => ({
      ...settled(),
      resource: resource(),
      statefulSet: undefined,
      pods: [],
      heartbeats: new Map(),
      leases: new Map(),
      redisAssignments: new Map(),
      ...extra,
    });

    it('creates the StatefulSet with the wanted replicas and waits for servers', () => {
      const plan = reconcile(fresh());
      expect(kinds(plan)).toEqual(['createStatefulSet', 'updateStatus', 'event']);
      expect(stsUpdate(plan)?.spec?.replicas).toBe(2);
      expect(events(plan)).toEqual(['StatefulSetCreated']);
      expect(condition(plan, 'Ready')).toBe('False/NoServers');
      expect(condition(plan, 'Progressing')).toBe('True/ScalingUp');
      expect(condition(plan, 'Degraded')).toBe('False/AsExpected');
      expect(status(plan)?.zones).toBe('0/3');
    });

    it('waits while pods are Ready but no zone server heartbeats yet', () => {
      const res = resource();
      const plan = reconcile(fresh({ statefulSet: statefulSet(2, res), pods: [pod(0), pod(1)] }));
      expect(placed(plan)).toEqual({});
      expect(plan.report.servers).toEqual({ ready: 0, draining: 0, starting: 2, lost: 0 });
      expect(condition(plan, 'Degraded')).toBe('False/AsExpected');
      expect(condition(plan, 'Progressing')).toBe('True/WaitingForServers');
    });

    it('places every zone once servers heartbeat, balanced by weight, with epochs still to draw', () => {
      const res = resource();
      const plan = reconcile(
        fresh({
          statefulSet: statefulSet(2, res),
          pods: [pod(0), pod(1)],
          heartbeats: new Map([
            ['world-0', beat([])],
            ['world-1', beat([])],
          ]),
        }),
      );
      expect(placed(plan)).toEqual({ 'zone-crossroads': 'world-0@new', 'zone-forest': 'world-1@new', 'zone-city': 'world-1@new' });
      expect(events(plan).filter((r) => r === 'ZoneAssigned')).toHaveLength(3);
      expect(written(plan)).toEqual(['zone-city', 'zone-crossroads', 'zone-forest']);
      expect(counted(plan)).toEqual({}); // a first placement is not a reassignment
      expect(condition(plan, 'Progressing')).toBe('True/ZonesMoving');
      expect(plan.requeueAfterMs).toBeGreaterThan(0);
    });
  });

  describe('failover: a server whose zones must move', () => {
    it.each<[string, (o: Observed) => Observed, string]>([
      [
        'heartbeat older than the timeout',
        (o) => ({ ...o, heartbeats: new Map([...o.heartbeats, ['world-1', beat(['zone-forest', 'zone-city'], { ts: NOW - 16_000 })]]) }),
        'heartbeat_expired',
      ],
      ['heartbeat key expired', (o) => ({ ...o, heartbeats: new Map([['world-0', o.heartbeats.get('world-0')!]]) }), 'heartbeat_expired'],
      ['pod deleted', (o) => ({ ...o, pods: [pod(0)] }), 'pod_gone'],
      ['pod terminating', (o) => ({ ...o, pods: [pod(0), pod(1, { terminating: true })] }), 'pod_gone'],
      ['pod replaced under the same name', (o) => ({ ...o, pods: [pod(0), pod(1, { uid: 'uid-new' })] }), 'pod_replaced'],
      ['pod not Ready', (o) => ({ ...o, pods: [pod(0), pod(1, { ready: false })] }), 'pod_not_ready'],
    ])('%s', (_name, change, reason) => {
      expectFailover(reconcile(change(settled())), reason);
    });

    it('a heartbeat of another kind (a gateway with the same name) does not keep a server alive', () => {
      const o = settled();
      expectFailover(reconcile({ ...o, heartbeats: new Map([...o.heartbeats, ['world-1', beat([], { type: 'gateway' })]]) }), 'heartbeat_expired');
    });

    it('keeps the zones where they were when no server is left, and says so', () => {
      const o = settled();
      const plan = reconcile({ ...o, heartbeats: new Map() });
      expect(placed(plan)).toEqual({ 'zone-crossroads': 'world-0@3', 'zone-forest': 'world-1@4', 'zone-city': 'world-1@5' });
      expect(condition(plan, 'Ready')).toBe('False/NoServers');
      expect(condition(plan, 'Degraded')).toBe('True/ServersUnavailable');
      expect(written(plan)).toBeUndefined();
    });

    it('a lost server that comes back gets zones again by rebalancing, with new epochs', () => {
      const all0 = [assignment('zone-crossroads', 'world-0', 3), assignment('zone-forest', 'world-0', 6), assignment('zone-city', 'world-0', 7)];
      const o = settled();
      const res = {
        ...o.resource,
        status: { ...o.resource.status!, assignments: all0, servers: [serverStatus('world-0'), serverStatus('world-1', { ready: false })] },
      };
      const plan = reconcile({
        ...o,
        resource: res,
        leases: leasesOf(all0),
        redisAssignments: recordsOf(all0),
        heartbeats: new Map([
          ['world-0', beat(['zone-crossroads', 'zone-forest', 'zone-city'])],
          ['world-1', beat([])],
        ]),
      });
      expect(Object.values(placed(plan)).filter((v) => v.startsWith('world-1'))).toHaveLength(2);
      expect(counted(plan)).toEqual({ rebalance: 2 });
    });
  });

  describe('Redis mirrors status', () => {
    it('re-writes every assignment after a Redis flush, same epochs, without touching status', () => {
      const plan = reconcile({ ...settled(), redisAssignments: new Map(), leases: new Map() });
      expect(written(plan)).toEqual(['zone-city', 'zone-crossroads', 'zone-forest']);
      expect(events(plan)).toContain('AssignmentsRestored');
      expect(placed(plan)).toEqual({ 'zone-crossroads': 'world-0@3', 'zone-forest': 'world-1@4', 'zone-city': 'world-1@5' });
      expect(counted(plan)).toEqual({});
    });

    it('a Redis that lost everything (heartbeats too): restores the counter and the records, moves nothing', () => {
      const plan = reconcile({ ...settled(), epochCounter: 0, heartbeats: new Map(), leases: new Map(), redisAssignments: new Map() });
      expect(plan.actions).toContainEqual({ kind: 'restoreEpochCounter', floor: 5 });
      expect(plan.actions).toContainEqual({ kind: 'rememberRegistryReset', at: NOW });
      expect(events(plan)).toEqual(expect.arrayContaining(['RegistryReset', 'AssignmentsRestored']));
      expect(events(plan)).not.toContain('ServerLost');
      expect(written(plan)).toEqual(['zone-city', 'zone-crossroads', 'zone-forest']);
      expect(placed(plan)).toEqual({ 'zone-crossroads': 'world-0@3', 'zone-forest': 'world-1@4', 'zone-city': 'world-1@5' });
      expect(condition(plan, 'Degraded')).toBe('False/AsExpected');
    });

    it('while the servers re-register, one whose heartbeat is not back yet keeps its zones', () => {
      const o = settled();
      const plan = reconcile({
        ...o,
        epochCounter: 10,
        registryResetAt: NOW - 3_000,
        heartbeats: new Map([['world-0', o.heartbeats.get('world-0')!]]),
        leases: new Map(),
      });
      expect(counted(plan)).toEqual({});
      expect(placed(plan)['zone-forest']).toBe('world-1@4');
    });

    it('after the grace period a heartbeat that never came back is a lost server again', () => {
      const o = settled();
      expectFailover(
        reconcile({ ...o, epochCounter: 10, registryResetAt: NOW - 9_000, heartbeats: new Map([['world-0', o.heartbeats.get('world-0')!]]) }),
        'heartbeat_expired',
      );
    });

    it('never writes an older epoch over a newer one (our view of status is behind our last write)', () => {
      const o = settled();
      const plan = reconcile({ ...o, redisAssignments: new Map([...o.redisAssignments, ['zone-forest', { serverId: 'world-0', epoch: 9, assignedAt: NOW }]]) });
      expect(written(plan)).toBeUndefined();
    });

    it('tombstones a zone that left the spec: its record names no server, so its owner hands it off', () => {
      const plan = reconcile(settled({}, { ...SPEC, zones: [{ id: 'zone-crossroads', weight: 2 }, { id: 'zone-forest' }] }));
      expect(status(plan)?.removedZones).toEqual([{ zoneId: 'zone-city', server: 'world-1', epoch: 5, since: iso(NOW) }]);
      expect(plan.actions).toContainEqual({ kind: 'writeTombstones', zones: [{ zoneId: 'zone-city', epoch: 5 }] });
      expect(kinds(plan)).not.toContain('deleteAssignments');
      expect(kinds(plan).indexOf('updateStatus')).toBeLessThan(kinds(plan).indexOf('writeTombstones'));
      expect(events(plan)).toContain('ZoneRemoved');
      expect(placed(plan)).toEqual({ 'zone-crossroads': 'world-0@3', 'zone-forest': 'world-1@4' });
      expect(plan.requeueAfterMs).toBeDefined();
    });
  });

  describe('tombstones: a removed zone is released, never mistaken for a Redis flush', () => {
    const TWO = { ...SPEC, zones: [{ id: 'zone-crossroads', weight: 2 }, { id: 'zone-forest' }] };
    const tombstone = { zoneId: 'zone-city', server: 'world-1', epoch: 5, since: iso(NOW - 5_000) };
    const released = { serverId: RELEASED_SERVER_ID, epoch: 5, assignedAt: NOW - 5_000 };
    const kept = [assignment('zone-crossroads', 'world-0', 3), assignment('zone-forest', 'world-1', 4)];
    /** zone-city left the spec 5 s ago; what Redis holds for it now varies. */
    function removed(redis: { record?: object; lease?: object }, spec = TWO): Observed {
      const o = settled({}, spec);
      const records = recordsOf(kept);
      const leases = leasesOf(kept);
      if (redis.record) records.set('zone-city', redis.record as never);
      if (redis.lease) leases.set('zone-city', redis.lease as never);
      const previous = { ...o.resource.status!, assignments: kept, removedZones: [tombstone] };
      return { ...o, resource: { ...o.resource, status: previous }, redisAssignments: records, leases };
    }
    const tombstoneWrites = (plan: Plan) => plan.actions.find((a): a is Extract<Action, { kind: 'writeTombstones' }> => a.kind === 'writeTombstones')?.zones;
    const deleted = (plan: Plan) => plan.actions.find((a): a is Extract<Action, { kind: 'deleteAssignments' }> => a.kind === 'deleteAssignments')?.zoneIds;
    const removedAfter = (o: Observed, plan: Plan) => (status(plan) ?? o.resource.status)?.removedZones?.map((z) => z.zoneId) ?? [];

    it.each<[string, { record?: object; lease?: object }, { write: boolean; delete: boolean; kept: boolean }]>([
      [
        'tombstone written, owner still holds the lease: wait',
        { record: released, lease: { serverId: 'world-1', epoch: 5 } },
        { write: false, delete: false, kept: true },
      ],
      ['tombstone written, lease gone: released, record deleted', { record: released }, { write: false, delete: true, kept: false }],
      [
        'Redis flushed (no record) while the owner holds on: tombstone again',
        { lease: { serverId: 'world-1', epoch: 5 } },
        { write: true, delete: false, kept: true },
      ],
      ['Redis flushed, nobody holds it: tombstone again (a lease may come back)', {}, { write: true, delete: false, kept: true }],
      [
        'the old assignment is back in Redis: tombstone again',
        { record: { serverId: 'world-1', epoch: 5, assignedAt: NOW - 60_000 } },
        { write: true, delete: false, kept: true },
      ],
      [
        'another server has it now (another resource): nothing to release',
        { record: { serverId: 'other-0', epoch: 9, assignedAt: NOW } },
        { write: false, delete: false, kept: false },
      ],
    ])('%s', (_name, redis, expected) => {
      const o = removed(redis);
      const plan = reconcile(o);
      expect(tombstoneWrites(plan)).toEqual(expected.write ? [{ zoneId: 'zone-city', epoch: 5 }] : undefined);
      expect(deleted(plan)).toEqual(expected.delete ? ['zone-city'] : undefined);
      expect(removedAfter(o, plan)).toEqual(expected.kept ? ['zone-city'] : []);
      // Never placed again while it is out of the spec.
      expect(placed(plan)['zone-city']).toBeUndefined();
      expect(written(plan)).toBeUndefined();
      if (expected.delete) expect(events(plan)).toContain('ZoneReleased');
    });

    it('drops the tombstone of a zone put back in the spec; it is placed with a new epoch', () => {
      const plan = reconcile(removed({ record: released, lease: { serverId: 'world-1', epoch: 5 } }, SPEC));
      expect(status(plan)?.removedZones).toBeUndefined();
      expect(placed(plan)['zone-city']).toMatch(/@new$/);
      expect(written(plan)).toEqual(['zone-city']);
      expect(tombstoneWrites(plan)).toBeUndefined();
    });

    it('keeps the tombstone epoch below the counter after a Redis flush', () => {
      const o = removed({});
      const plan = reconcile({ ...o, epochCounter: 0 });
      expect(plan.actions).toContainEqual({ kind: 'restoreEpochCounter', floor: 5 });
    });
  });

  describe('scaling down drains first', () => {
    const scaleTo1 = { ...SPEC, servers: { replicas: 1 } };

    it('marks the highest ordinal draining and moves its zones, without touching the StatefulSet', () => {
      const plan = reconcile(settled({}, scaleTo1));
      expect(stsUpdate(plan)).toBeUndefined();
      expect(events(plan)).toEqual(expect.arrayContaining(['DrainStarted', 'ZoneMoved']));
      expect(events(plan)).not.toContain('ServerLost');
      expect(counted(plan)).toEqual({ drain: 2 });
      expect(status(plan)?.servers?.find((s) => s.name === 'world-1')?.draining).toBe(true);
      expect(condition(plan, 'Progressing')).toBe('True/Draining');
    });

    /** world-1 draining since a heartbeat 6 s ago; all zones reassigned to world-0. */
    function drainedWorld(heartbeat1: string[], leaseHolder = 'world-0', drainHeartbeat = iso(NOW - 6_000)): Observed {
      const moved = [assignment('zone-crossroads', 'world-0', 3), assignment('zone-forest', 'world-0', 8), assignment('zone-city', 'world-0', 9)];
      const o = settled({}, scaleTo1);
      const servers = [serverStatus('world-0'), serverStatus('world-1', { draining: true, drainHeartbeat })];
      return {
        ...o,
        resource: { ...o.resource, status: { ...o.resource.status!, assignments: moved, servers } },
        leases: new Map([...leasesOf(moved)].map(([zone, lease]) => [zone, zone === 'zone-city' ? { ...lease, serverId: leaseHolder } : lease])),
        redisAssignments: recordsOf(moved),
        heartbeats: new Map([
          ['world-0', beat(['zone-crossroads', 'zone-forest'])],
          ['world-1', beat(heartbeat1)],
        ]),
      };
    }

    it('keeps the pod while its heartbeat still lists zones', () => {
      expect(stsUpdate(reconcile(drainedWorld(['zone-city'])))).toBeUndefined();
    });

    it('keeps the pod while it still holds a lease', () => {
      expect(stsUpdate(reconcile(drainedWorld([], 'world-1')))).toBeUndefined();
    });

    it('keeps the pod while its only heartbeat predates the drain (it may have claimed a zone since)', () => {
      expect(stsUpdate(reconcile(drainedWorld([], 'world-0', iso(NOW - 1_000))))).toBeUndefined();
    });

    it('records the heartbeat the drain started from, and never ends a drain in the reconcile that starts it', () => {
      const o = settled({}, scaleTo1);
      const idle = [assignment('zone-crossroads', 'world-0', 3), assignment('zone-forest', 'world-0', 4), assignment('zone-city', 'world-0', 5)];
      const plan = reconcile({
        ...o,
        resource: { ...o.resource, status: { ...o.resource.status!, assignments: idle } },
        leases: leasesOf(idle),
        redisAssignments: recordsOf(idle),
        heartbeats: new Map([...o.heartbeats, ['world-1', beat([])]]),
      });
      expect(stsUpdate(plan)).toBeUndefined();
      expect(status(plan)?.servers?.find((s) => s.name === 'world-1')).toMatchObject({ draining: true, drainHeartbeat: iso(NOW - 1_000) });
    });

    it('removes a drained server that has no heartbeat at all (its process is gone)', () => {
      const o = drainedWorld([]);
      const heartbeats = new Map(o.heartbeats);
      heartbeats.delete('world-1');
      expect(stsUpdate(reconcile({ ...o, heartbeats }))?.spec?.replicas).toBe(1);
    });

    it('lowers the StatefulSet once the drained server owns nothing', () => {
      const plan = reconcile(drainedWorld([]));
      expect(stsUpdate(plan)?.spec?.replicas).toBe(1);
      expect(events(plan)).toEqual(expect.arrayContaining(['DrainFinished', 'ScalingDown']));
    });

    it('cancels the drain when the server is wanted again', () => {
      const o = drainedWorld(['zone-city']);
      const plan = reconcile({ ...o, resource: { ...o.resource, spec: { ...o.resource.spec!, servers: { ...o.resource.spec!.servers, replicas: 2 } } } });
      expect(events(plan)).toContain('DrainCancelled');
      expect(status(plan)?.servers?.find((s) => s.name === 'world-1')?.draining).toBe(false);
    });
  });

  describe('scaling up', () => {
    it('raises the StatefulSet at once; the new server gets zones when it is live', () => {
      const plan = reconcile(settled({}, { ...SPEC, servers: { replicas: 3 } }));
      expect(stsUpdate(plan)?.spec?.replicas).toBe(3);
      expect(events(plan)).toContain('ScalingUp');
      expect(placed(plan)).toEqual({ 'zone-crossroads': 'world-0@3', 'zone-forest': 'world-1@4', 'zone-city': 'world-1@5' });
    });

    it('moves a zone onto the new server once it heartbeats', () => {
      // Equal weights: world-1 (two zones) is the busiest and gives one to the idle newcomer.
      const spec = { ...SPEC, zones: [{ id: 'zone-crossroads' }, { id: 'zone-forest' }, { id: 'zone-city' }], servers: { replicas: 3 } };
      const o = settled({}, spec);
      const plan = reconcile({
        ...o,
        statefulSet: statefulSet(3, o.resource),
        pods: [pod(0), pod(1), pod(2)],
        heartbeats: new Map([...o.heartbeats, ['world-2', beat([])]]),
      });
      expect(counted(plan)).toEqual({ rebalance: 1 });
      expect(Object.values(placed(plan))).toContain('world-2@new');
    });
  });

  describe('the StatefulSet', () => {
    it('is updated when the pod template changes', () => {
      const plan = reconcile(settled({ statefulSet: statefulSet(2, resource()) }, { ...SPEC, template: { image: 'aether/zone:2' } }));
      expect(events(plan)).toContain('StatefulSetUpdated');
      expect((stsUpdate(plan)?.spec as any)?.template.spec.containers[0].image).toBe('aether/zone:2');
    });

    it('is left alone when another owner has the name', () => {
      const o = settled();
      const plan = reconcile({ ...o, statefulSet: { ...o.statefulSet!, ownerUid: 'someone-else' } });
      expect(kinds(plan)).toEqual(['updateStatus', 'event']);
      expect(condition(plan, 'Degraded')).toBe('True/StatefulSetConflict');
    });
  });

  it('reports a spec that does not parse instead of acting on it', () => {
    const o = settled();
    const plan = reconcile({ ...o, resource: { ...o.resource, spec: undefined, specError: 'zones: Required' } });
    expect(condition(plan, 'Degraded')).toBe('True/InvalidSpec');
    expect(events(plan)).toEqual(['InvalidSpec']);
    // Reported once: the same observation with that status asks for nothing.
    const again = reconcile({ ...o, resource: { ...o.resource, spec: undefined, specError: 'zones: Required', status: status(plan) as never } });
    expect(again.actions).toEqual([]);
  });

  it('reports zones that fit nowhere as Degraded/InsufficientCapacity', () => {
    const spec = { ...SPEC, servers: { replicas: 2, maxZonesPerServer: 1 } };
    const o = settled({}, spec);
    const plan = reconcile({
      ...o,
      resource: { ...o.resource, status: { ...o.resource.status!, assignments: [] } },
      leases: new Map(),
      redisAssignments: new Map(),
    });
    expect(status(plan)?.assignments).toHaveLength(2);
    expect(condition(plan, 'Degraded')).toBe('True/InsufficientCapacity');
    expect(condition(plan, 'Ready')).toBe('False/ZonesUnplaced');
    expect(events(plan)).toContain('InsufficientCapacity');
  });

  it('gives no new zone to a server that reports maxPlayersPerServer', () => {
    const o = settled();
    const plan = reconcile({
      ...o,
      heartbeats: new Map([['world-0', beat(['zone-crossroads'], { players: 500 })]]),
    });
    // world-1 is lost; world-0 is full: the zones stay unplaced.
    expect(condition(plan, 'Degraded')).toBe('True/InsufficientCapacity');
  });

  describe('status writes', () => {
    it('skips heartbeat-only changes until they are older than the refresh interval', () => {
      const o = settled();
      const fresh = new Map([...o.heartbeats].map(([name, hb]) => [name, { ...hb, ts: NOW - 1_000 + 2_000, players: 7 }]));
      expect(reconcile({ ...o, heartbeats: fresh }).actions).toEqual([]);
      const later = new Map([...o.heartbeats].map(([name, hb]) => [name, { ...hb, ts: NOW - 1_000 + 11_000, players: 7 }]));
      expect(kinds(reconcile({ ...o, now: NOW + 11_000, heartbeats: later }))).toEqual(['updateStatus']);
    });

    it('Ready follows the leases: an owner that has not claimed its zone yet is not Ready', () => {
      const o = settled();
      const plan = reconcile({ ...o, leases: new Map([...o.leases, ['zone-city', { serverId: 'world-1', epoch: 2 }]]) });
      expect(condition(plan, 'Ready')).toBe('False/ZonesMoving');
      expect(status(plan)?.zones).toBe('2/3');
    });

    it('Ready counts a lease above the assigned epoch: the owner found that epoch behind the database and claimed a fresh one', () => {
      const o = settled();
      const city = o.leases.get('zone-city')!;
      const plan = reconcile({ ...o, leases: new Map([...o.leases, ['zone-city', { ...city, epoch: city.epoch + 10 }]]) });
      // Still 3/3 and Ready: nothing to write.
      expect(plan.actions).toEqual([]);
    });

    it('keeps lastTransitionTime of a condition whose status did not change', () => {
      const o = settled();
      const plan = reconcile({ ...o, leases: new Map([...o.leases, ['zone-city', { serverId: 'world-1', epoch: 2 }]]) });
      const degraded = status(plan)?.conditions?.find((c) => c.type === 'Degraded');
      expect(degraded?.lastTransitionTime).toBe(new Date(NOW - 60_000).toISOString());
    });
  });

  describe('autoscaling', () => {
    const auto = {
      ...SPEC,
      servers: { minReplicas: 1, maxReplicas: 5 },
      autoscaling: { enabled: true, targetPlayersPerServer: 300, scaleDownStabilizationSeconds: 60 },
    };

    it('scales up from heartbeat player counts', () => {
      const o = settled({}, auto);
      const plan = reconcile({
        ...o,
        heartbeats: new Map([
          ['world-0', beat(['zone-crossroads'], { players: 450 })],
          ['world-1', beat(['zone-forest', 'zone-city'], { players: 400 })],
        ]),
      });
      expect(stsUpdate(plan)?.spec?.replicas).toBe(3);
      expect(events(plan)).toContain('ScalingUp');
      expect(kinds(plan)).toContain('rememberRecommendation');
    });

    it('holds the size within the stabilization window, then drains', () => {
      const o = settled({}, auto);
      const quiet = reconcile({ ...o, recommendations: [{ at: NOW - 30_000, replicas: 2 }] });
      expect(events(quiet)).not.toContain('DrainStarted');
      const later = reconcile({ ...o, recommendations: [{ at: NOW - 61_000, replicas: 2 }] });
      expect(events(later)).toContain('DrainStarted');
    });
  });

  describe('the pod policy: image and env come from the operator, not the ZoneAssignment author', () => {
    const withTemplate = (template: object) => settled({}, { ...SPEC, template: template as never });

    it.each<[string, object, string, RegExp]>([
      ['an image outside the allow-list', { image: 'evil.example/miner:1' }, 'ImageNotAllowed', /evil\.example\/miner:1 is neither .*ZONE_IMAGE_ALLOWLIST/],
      [
        'env with valueFrom',
        { image: 'aether/zone:1', env: [{ name: 'LOG_LEVEL', valueFrom: { secretKeyRef: { name: 'db', key: 'url' } } }] },
        'EnvNotAllowed',
        /LOG_LEVEL uses valueFrom/,
      ],
      [
        'env outside the allow-list',
        { env: [{ name: 'NODE_OPTIONS', value: '--require /tmp/x.js' }] },
        'EnvNotAllowed',
        /NODE_OPTIONS is not in the operator's ZONE_ENV_ALLOWLIST/,
      ],
      [
        'a reserved name (an older CRD without the rule)',
        { env: [{ name: 'REDIS_URL', value: 'redis://evil' }] },
        'EnvNotAllowed',
        /REDIS_URL is set by the operator/,
      ],
    ])('refuses %s with a condition and an Event, and writes nothing else', (_name, template, reason, message) => {
      const plan = reconcile(withTemplate(template));
      expect(kinds(plan)).toEqual(['updateStatus', 'event']);
      expect(condition(plan, 'Degraded')).toBe(`True/${reason}`);
      expect(condition(plan, 'Ready')).toBe(`False/${reason}`);
      expect(status(plan)?.conditions?.find((c) => c.type === 'Degraded')?.message).toMatch(message);
      expect(events(plan)).toEqual([reason]);
    });

    it('refuses when neither the ZoneAssignment nor the operator names an image', () => {
      const o = withTemplate({});
      const plan = reconcile({ ...o, settings: { ...SETTINGS, zonePod: { ...SETTINGS.zonePod, image: undefined } } });
      expect(condition(plan, 'Degraded')).toBe('True/NoImage');
    });

    it.each([
      ['no image: the operator ZONE_IMAGE', {}, 'aether/zone:1'],
      ['ZONE_IMAGE itself', { image: 'aether/zone:1' }, 'aether/zone:1'],
      ['a prefix entry of the allow-list', { image: 'aether/zone:2' }, 'aether/zone:2'],
    ])('runs %s', (_name, template, image) => {
      const plan = reconcile({ ...withTemplate({ ...template, env: [{ name: 'LOG_LEVEL', value: 'debug' }] }), statefulSet: undefined });
      expect(condition(plan, 'Degraded')).toBe('False/AsExpected');
      expect((stsUpdate(plan)!.spec as any).template.spec.containers[0].image).toBe(image);
    });
  });

  describe('one ZoneAssignment owns a zone id', () => {
    const older = { namespace: 'game', name: 'another', createdAt: iso(NOW - 7_200_000), zones: ['zone-city', 'zone-elsewhere'] };
    const newer = { ...older, createdAt: iso(NOW) };

    it('the older resource keeps a zone both name: the newer one does not place it and says who owns it', () => {
      const plan = reconcile(settled({ rivals: [older] }));
      expect(placed(plan)).toEqual({ 'zone-crossroads': 'world-0@3', 'zone-forest': 'world-1@4' });
      expect(condition(plan, 'ZoneConflict')).toBe('True/ZoneOwnedElsewhere');
      expect(status(plan)?.conditions?.find((c) => c.type === 'ZoneConflict')?.message).toMatch(/zone-city is owned by game\/another/);
      expect(events(plan)).toContain('ZoneConflict');
      // No write to its Redis key: no tombstone, no deletion, no assignment.
      expect(kinds(plan)).not.toContain('writeTombstones');
      expect(kinds(plan)).not.toContain('deleteAssignments');
      expect(written(plan)).toBeUndefined();
      expect(status(plan)?.removedZones).toBeUndefined();
    });

    it('a newer resource naming the same zone changes nothing here', () => {
      expect(reconcile(settled({ rivals: [newer] })).actions).toEqual([]);
    });

    it('same creation second: the name decides, the same way on every replica', () => {
      const sameTime = { ...older, name: 'aaa', createdAt: iso(NOW - 3_600_000) };
      expect(condition(reconcile(settled({ rivals: [sameTime] })), 'ZoneConflict')).toBe('True/ZoneOwnedElsewhere');
      expect(reconcile(settled({ rivals: [{ ...sameTime, name: 'zzz' }] })).actions).toEqual([]);
    });

    it('reports the conflict once, and clears it when the other resource lets go', () => {
      const o = settled({ rivals: [older] });
      const first = reconcile(o);
      const withConflict = { ...o, resource: { ...o.resource, status: status(first) as never } };
      expect(events(reconcile(withConflict))).not.toContain('ZoneConflict');
      const resolved = reconcile({ ...withConflict, rivals: [] });
      expect(condition(resolved, 'ZoneConflict')).toBe('False/NoConflict');
      expect(placed(resolved)['zone-city']).toBe('world-1@new');
    });
  });

  describe('the PodDisruptionBudget', () => {
    const budgetAction = (plan: Plan) =>
      plan.actions.find(
        (a): a is Extract<Action, { kind: 'createPodDisruptionBudget' | 'updatePodDisruptionBudget' }> =>
          a.kind === 'createPodDisruptionBudget' || a.kind === 'updatePodDisruptionBudget',
      );

    it('is created when missing: maxUnavailable 1 over the pods, owned by the ZoneAssignment', () => {
      const action = budgetAction(reconcile(settled({ podDisruptionBudget: undefined })));
      expect(action?.kind).toBe('createPodDisruptionBudget');
      expect(action?.budget).toMatchObject({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'world', namespace: 'game', ownerReferences: [{ kind: 'ZoneAssignment', uid: 'uid-world', controller: true }] },
        spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'aether-zone', 'app.kubernetes.io/instance': 'world' } } },
      });
    });

    it('is updated when it was edited, and left alone (with a condition) when someone else owns the name', () => {
      const o = settled();
      expect(budgetAction(reconcile({ ...o, podDisruptionBudget: { ...budget(), templateHash: 'edited' } }))?.kind).toBe('updatePodDisruptionBudget');
      const plan = reconcile({ ...o, podDisruptionBudget: { ...budget(), ownerUid: 'someone-else' } });
      expect(condition(plan, 'Degraded')).toBe('True/PodDisruptionBudgetConflict');
    });
  });
});
