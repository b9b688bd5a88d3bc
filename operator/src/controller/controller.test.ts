import { pino } from 'pino';
import { Registry as PromRegistry } from 'prom-client';
import { Channels, InMemoryBus, Registry } from '@aether/shared';
import { waitFor } from '@aether/testing';
import { OperatorMetrics } from '../metrics.js';
import { beat, budget, pod, resource, SETTINGS, statefulSet } from '../reconcile/fixtures.test-helpers.js';
import type { Manifest, ZoneAssignmentStatus } from '../reconcile/types.js';
import { EpochCounter } from '../registry/epoch-counter.js';
import { Controller, FINALIZER } from './controller.js';
import { ConflictError, type KubeWriter, type ObjectRef, type ResourceSnapshot, type ResourceSource } from './ports.js';

/** The informer side, as a plain map the test edits. */
class FakeSource implements ResourceSource {
  readonly snapshots = new Map<string, ResourceSnapshot>();
  private listener: (key: string) => void = () => {};
  keys = () => [...this.snapshots.keys()];
  snapshot = (key: string) => this.snapshots.get(key);
  onChange(listener: (key: string) => void) {
    this.listener = listener;
  }
  changed(key: string) {
    this.listener(key);
  }
}

/** The API server's write side: records calls, applies status, can refuse. */
class FakeKube implements KubeWriter {
  readonly calls: string[] = [];
  readonly events: string[] = [];
  statuses: ZoneAssignmentStatus[] = [];
  conflicts = 0;
  async createStatefulSet(manifest: Manifest) {
    this.calls.push(`create ${manifest.metadata.name} ×${manifest.spec!.replicas}`);
  }
  async replaceStatefulSet(manifest: Manifest) {
    this.calls.push(`update ${manifest.metadata.name} ×${manifest.spec!.replicas}`);
  }
  async createPodDisruptionBudget(manifest: Manifest) {
    this.calls.push(`create budget ${manifest.metadata.name}`);
  }
  async replacePodDisruptionBudget(manifest: Manifest) {
    this.calls.push(`update budget ${manifest.metadata.name}`);
  }
  async replaceStatus(_ref: ObjectRef, status: ZoneAssignmentStatus) {
    if (this.conflicts > 0) {
      this.conflicts -= 1;
      throw new ConflictError('stale');
    }
    this.calls.push('status');
    this.statuses.push(status);
  }
  async recordEvent(_ref: ObjectRef, event: { reason: string; message: string }) {
    this.events.push(`${event.reason}: ${event.message}`);
  }
  async setFinalizers(_ref: ObjectRef, finalizers: string[]) {
    this.calls.push(`finalizers [${finalizers.join(', ')}]`);
  }
}

function setup(options: { reconcileTimeoutMs?: number; resyncMs?: number } = {}) {
  const bus = new InMemoryBus({ source: 'test' });
  const registry = new Registry(bus);
  const source = new FakeSource();
  const kube = new FakeKube();
  const prom = new PromRegistry();
  const controller = new Controller({
    source,
    kube,
    registry,
    epochCounter: new EpochCounter(bus),
    metrics: new OperatorMetrics(prom),
    settings: SETTINGS,
    logger: pino({ level: 'silent' }),
    resyncMs: 50,
    retry: { baseDelayMs: 10, maxDelayMs: 100 },
    ...options,
  });
  return { bus, registry, source, kube, prom, controller };
}

/** world with its StatefulSet and two Ready pods whose zone servers heartbeat now. */
async function twoServers(t: ReturnType<typeof setup>) {
  const res = resource();
  t.source.snapshots.set('game/world', {
    resource: res,
    finalizers: [FINALIZER],
    statefulSet: statefulSet(2, res),
    podDisruptionBudget: budget(res),
    pods: [pod(0), pod(1)],
    rivals: [],
  });
  for (const name of ['world-0', 'world-1']) await t.registry.heartbeat(name, { ...beat([]), ts: Date.now() });
}

describe('Controller', () => {
  it('creates the StatefulSet for a new resource', async () => {
    const t = setup();
    t.source.snapshots.set('game/world', {
      resource: resource(),
      finalizers: [FINALIZER],
      statefulSet: undefined,
      podDisruptionBudget: undefined,
      pods: [],
      rivals: [],
    });
    await t.controller.sync('game/world');
    expect(t.kube.calls).toEqual(['create world ×2', 'create budget world', 'status']);
    expect(t.kube.events).toEqual(['StatefulSetCreated: created StatefulSet world with 2 replica(s)']);
  });

  it('draws epochs above the counter, writes status, then Redis, announces once, and names the epochs in Events', async () => {
    const t = setup();
    await t.bus.incr('zone:epoch', 41);
    await twoServers(t);
    const announced: string[][] = [];
    await t.bus.subscribe(Channels.assignments, (envelope) => void announced.push((envelope.payload as { zoneIds: string[] }).zoneIds));

    await t.controller.sync('game/world');
    const written = t.kube.statuses[0]!.assignments!;
    expect(written.map((a) => a.epoch).sort()).toEqual([42, 43, 44]);
    for (const a of written) expect(await t.registry.getAssignment(a.zoneId)).toEqual({ serverId: a.server, epoch: a.epoch, assignedAt: Date.parse(a.since) });
    await waitFor(() => announced.length === 1);
    expect(announced[0]!.sort()).toEqual(['zone-city', 'zone-crossroads', 'zone-forest']);
    expect(t.kube.events.filter((e) => e.startsWith('ZoneAssigned'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/assigned to world-\d at epoch 4[234]$/)]),
    );
  });

  it('leaves Redis alone when the status write is refused (stale read); the retry decides again', async () => {
    const t = setup();
    await twoServers(t);
    t.kube.conflicts = 1;
    await expect(t.controller.sync('game/world')).rejects.toBeInstanceOf(ConflictError);
    expect(await t.registry.listAssignments()).toEqual(new Map());
    expect(t.kube.events).toEqual([]);
  });

  it('runs keys from informer events and retries failures with backoff', async () => {
    const t = setup();
    await twoServers(t);
    t.kube.conflicts = 2;
    t.controller.start();
    t.source.changed('game/world');
    await waitFor(() => t.kube.statuses.length >= 1, { timeoutMs: 2000 });
    expect(await t.prom.getSingleMetricAsString('aether_operator_reconcile_errors_total')).toContain(
      'aether_operator_reconcile_errors_total{reason="conflict"} 2',
    );
    await t.controller.stop();
    expect(t.controller.running).toBe(false);
  });

  it('puts its finalizer on a new resource first, keeping any other, and writes nothing else', async () => {
    const t = setup();
    t.source.snapshots.set('game/world', {
      resource: resource(),
      finalizers: ['example.com/other'],
      statefulSet: undefined,
      podDisruptionBudget: undefined,
      pods: [],
      rivals: [],
    });
    await t.controller.sync('game/world');
    expect(t.kube.calls).toEqual([`finalizers [example.com/other, ${FINALIZER}]`]);
    expect(await t.registry.listAssignments()).toEqual(new Map());
  });

  it('on deletion removes the zones it mirrored to Redis (and its tombstones), announces them, then its finalizer', async () => {
    const t = setup();
    await twoServers(t);
    await t.controller.sync('game/world');
    const status = t.kube.statuses[0]!;
    // Another resource's server holds a zone of the same name: not ours to remove.
    await t.registry.setAssignment('zone-city', { serverId: 'other-0', epoch: 99, assignedAt: 1 });
    await t.registry.setAssignment('zone-old', { serverId: '(released)', epoch: 7, assignedAt: 1 });
    const announced: string[][] = [];
    await t.bus.subscribe(Channels.assignments, (envelope) => void announced.push((envelope.payload as { zoneIds: string[] }).zoneIds));
    const snapshot = t.source.snapshots.get('game/world')!;
    const removedZones = [{ zoneId: 'zone-old', server: 'world-0', epoch: 7, since: new Date().toISOString() }];
    const deleting = { ...snapshot.resource, status: { ...status, removedZones }, deleting: true };
    t.source.snapshots.set('game/world', { ...snapshot, resource: deleting, finalizers: ['example.com/other', FINALIZER] });
    t.kube.calls.length = 0;

    await t.controller.sync('game/world');
    expect([...(await t.registry.listAssignments()).keys()]).toEqual(['zone-city']);
    expect(t.kube.calls).toEqual(['finalizers [example.com/other]']);
    await waitFor(() => announced.length === 1);
    expect(announced[0]!.sort()).toEqual(['zone-crossroads', 'zone-forest', 'zone-old']);
  });

  it('on a graceful shutdown withdraws its finalizer, finishing the deletions under way', async () => {
    const t = setup();
    await twoServers(t);
    await t.controller.sync('game/world');
    const snapshot = t.source.snapshots.get('game/world')!;
    t.source.snapshots.set('game/gone', { ...snapshot, resource: { ...snapshot.resource, name: 'gone', deleting: true } });
    t.source.snapshots.set('game/foreign', { ...snapshot, resource: { ...snapshot.resource, name: 'foreign' }, finalizers: [] });
    t.kube.calls.length = 0;
    expect(await t.controller.withdrawFinalizers(1000)).toBe(2);
    expect(t.kube.calls).toEqual(['finalizers []', 'finalizers []']);
    // 'gone' was finalized: its Redis records (the same servers and zones as world's, in this fixture) removed.
    expect(await t.registry.listAssignments()).toEqual(new Map());
  });

  it('a reconcile past its deadline fails as a timeout, makes no write after it, and is retried', async () => {
    const t = setup({ reconcileTimeoutMs: 50, resyncMs: 60_000 });
    await twoServers(t);
    let hang = true;
    const heartbeats = t.registry.listHeartbeats.bind(t.registry);
    t.registry.listHeartbeats = async () => {
      if (hang) {
        hang = false;
        await new Promise((resolve) => setTimeout(resolve, 150)); // Redis stalls once
      }
      return heartbeats();
    };
    t.controller.start();
    t.source.changed('game/world');
    await waitFor(() => t.kube.statuses.length >= 1, { timeoutMs: 3000 });
    expect(await t.prom.getSingleMetricAsString('aether_operator_reconcile_errors_total')).toContain(
      'aether_operator_reconcile_errors_total{reason="timeout"} 1',
    );
    await t.controller.stop();
    // The stalled attempt woke after its deadline and wrote nothing: one status write, from the retry.
    expect(t.kube.calls.filter((c) => c === 'status')).toHaveLength(1);
  });

  it('reports its workers for /health and /ready', async () => {
    const t = setup();
    expect(t.controller.health()).toMatchObject({ running: false, workers: 0, workersAlive: 0, stalled: false });
    t.controller.start();
    await waitFor(() => t.controller.health().workersAlive === 2);
    expect(t.controller.health()).toMatchObject({ running: true, workers: 2, queueDepth: 0, stalled: false });
    await t.controller.stop();
    expect(t.controller.health()).toMatchObject({ running: false, workersAlive: 0 });
  });

  it('forgets a resource that is gone', async () => {
    const t = setup();
    expect(await t.controller.sync('game/missing')).toBeUndefined();
    expect(t.kube.calls).toEqual([]);
  });
});
