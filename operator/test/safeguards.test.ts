import { jest } from '@jest/globals';
import { HeartbeatPublisher, Registry } from '@aether/shared';
import { RedisBus } from '@aether/shared/bus/redis';
import { waitFor } from '@aether/testing';
import { OperatorWorld, worldManifest, ZONES, type OperatorProcess } from './harness/world.js';

jest.setTimeout(300_000);

const FIELD_MANAGER = 'aether-operator';
const FINALIZER = 'aether.dev/zone-cleanup';

/**
 * The operator's safeguards on a real control plane, one world, in order:
 * its finalizer and field manager on what it writes, truthful /health and
 * /ready on a leader and a standby (whose watches the watchdog cuts and
 * re-lists), autoscaling driven by zone-server heartbeats in Redis, and a
 * deleted ZoneAssignment whose Redis records go before the object does.
 */
describe('operator safeguards on a real control plane', () => {
  const ns = 'op-safeguards';
  let world: OperatorWorld;
  let leader: OperatorProcess;
  let bus: RedisBus;
  let registry: Registry;
  const publishers: HeartbeatPublisher[] = [];
  const json = async (url: string) => {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const sts = (name: string) => world.kube.get(`/apis/apps/v1/namespaces/${ns}/statefulsets/${name}`);
  const running = async (name: string) => (await world.kube.pods(ns, name)).filter((p) => p.status?.phase === 'Running').map((p) => p.metadata.name as string);

  beforeAll(async () => {
    world = await OperatorWorld.start(ns);
    leader = await world.operator('op-leader', { ZONE_IMAGE: 'aether/zone:test' });
    bus = new RedisBus({ source: 'test', url: world.redis.url });
    registry = new Registry(bus);
  });

  afterAll(async () => {
    await Promise.allSettled(publishers.map((p) => p.stop()));
    await bus?.close();
    await world?.close();
  });

  it('puts its finalizer on a ZoneAssignment and names itself as field manager on every write', async () => {
    await world.apply(worldManifest('world'));
    await waitFor(async () => (await running('world')).length === 2, { timeoutMs: 60_000, intervalMs: 100, message: 'pods world-0 and world-1 Running' });
    await Promise.all([world.zoneServer('world-0'), world.zoneServer('world-1')]);
    await world.waitConverged('world', ['world-0', 'world-1']);

    const za = await world.za('world');
    expect(za.metadata.finalizers).toEqual([FINALIZER]);
    const managers = (object: any) => (object.metadata.managedFields ?? []).map((f: any) => `${f.manager}${f.subresource ? `/${f.subresource}` : ''}`);
    // kubectl applied the spec; the operator wrote the status. (The finalizer patch's own entry is not asserted: it does not
    // survive the operator's later status writes in managedFields on this API server.)
    expect(managers(za)).toContain(`${FIELD_MANAGER}/status`);
    expect(managers(await sts('world'))).toContain(FIELD_MANAGER);
    const lease = await world.kube.get(`/apis/coordination.k8s.io/v1/namespaces/${ns}/leases/aether-operator`);
    expect(managers(lease)).toEqual([FIELD_MANAGER]);
  });

  it('/health and /ready: the leader runs its workers; a standby is ready and says so; a silent watch is cut and listed again', async () => {
    const health = await json(`${leader.metricsUrl}/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', leader: true, workers: { running: true, workers: 2, workersAlive: 2, stalled: false } });
    const ready = await json(`${leader.metricsUrl}/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', role: 'leader', checks: { informers: { ok: true }, bus: { ok: true }, workers: { ok: true } } });

    // The standby's watchdog cuts any watch silent for 1.5 s (the API server sends bookmarks only about once a minute).
    const standby = await world.operator('op-standby', { ZONE_IMAGE: 'aether/zone:test', WATCH_IDLE_TIMEOUT_MS: '1500' });
    const standbyReady = await waitFor(
      async () => {
        const answer = await json(`${standby.metricsUrl}/ready`);
        return answer.status === 200 ? answer : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200, message: 'the standby to be ready' },
    );
    expect(standbyReady.body).toMatchObject({ status: 'ready', role: 'standby' });
    expect((await json(`${standby.metricsUrl}/health`)).body).toMatchObject({ status: 'ok', leader: false, workers: { running: false } });

    // The pods of world do not change now: that watch goes silent, is cut, and the informer lists again — and stays synced.
    await waitFor(async () => /aether_operator_watch_restarts_total\{informer="pods",reason="idle"\} [1-9]/.test(await standby.metrics()), {
      timeoutMs: 20_000,
      intervalMs: 250,
      message: `the standby's watchdog to restart the silent pods watch\n${standby.logs().slice(-3000)}`,
    });
    expect(standby.logs()).toMatch(/watch silent too long/);
    await waitFor(async () => (await json(`${standby.metricsUrl}/ready`)).status === 200, {
      timeoutMs: 10_000,
      message: 'the standby ready after the re-list',
    });
    await standby.stop();
  });

  it('autoscaling end to end: zone-server heartbeats in Redis with more players scale the StatefulSet up, then fewer scale it down', async () => {
    // One zone of its own; the heartbeats are written the way zone servers write them (HeartbeatPublisher → Redis).
    await world.apply({
      apiVersion: 'aether.dev/v1alpha1',
      kind: 'ZoneAssignment',
      metadata: { name: 'scaled' },
      spec: {
        zones: [{ id: 'zone-scaled' }],
        servers: { minReplicas: 1, maxReplicas: 3 },
        autoscaling: { enabled: true, targetPlayersPerServer: 100, scaleDownStabilizationSeconds: 0 },
        template: { image: 'aether/zone:test' },
      },
    });
    const players = new Map<string, number>();
    const beat = (server: string) => {
      if (players.has(server)) return;
      players.set(server, 0);
      const publisher = new HeartbeatPublisher(
        server,
        registry,
        () => ({ type: 'zone', zones: [], players: players.get(server) ?? 0, tickP99Ms: 1 }),
        () => {},
        300,
      );
      publishers.push(publisher);
      return publisher.start();
    };
    const replicas = async () => (await sts('scaled'))?.spec?.replicas as number | undefined;

    await waitFor(async () => (await running('scaled')).includes('scaled-0'), { timeoutMs: 60_000, intervalMs: 100, message: 'pod scaled-0 Running' });
    await beat('scaled-0');
    expect(await replicas()).toBe(1);

    players.set('scaled-0', 250); // 250 players at 100 per server: 3 servers
    await waitFor(async () => (await replicas()) === 3, { timeoutMs: 30_000, intervalMs: 100, message: 'the StatefulSet scaled up to 3' });
    await waitFor(async () => (await running('scaled')).length === 3, { timeoutMs: 60_000, intervalMs: 100, message: 'pods scaled-1 and scaled-2 Running' });
    await Promise.all([beat('scaled-1'), beat('scaled-2')]);
    expect((await world.za('scaled')).status.servers.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['scaled-0']));

    players.set('scaled-0', 30); // 30 players: 1 server; the two others drain (they own nothing) and go
    await waitFor(async () => (await replicas()) === 1, { timeoutMs: 60_000, intervalMs: 100, message: 'the StatefulSet scaled back down to 1' });
    const events = await waitFor(
      async () => {
        const all = (await world.kube.events(ns, 'scaled')).map((e) => `${e.reason}: ${e.message}`);
        return all.some((e) => e.startsWith('ScalingDown')) ? all : undefined;
      },
      { timeoutMs: 10_000, message: 'the ScalingDown Event' },
    );
    expect(events).toEqual(expect.arrayContaining([expect.stringMatching(/^ScalingUp: 1 → 3 zone server\(s\): 250 players at 100 per server/)]));
    expect(events).toEqual(expect.arrayContaining([expect.stringMatching(/^ScalingDown: \d → 1 zone server\(s\): 30 players at 100 per server/)]));
  });

  it('a deleted ZoneAssignment: its zone assignments leave Redis, then its finalizer, then the object', async () => {
    expect([...(await world.redisAssignments()).keys()].sort()).toEqual([...ZONES].sort());
    const deleted = Date.now();
    await world.kube.must('DELETE', `/apis/aether.dev/v1alpha1/namespaces/${ns}/zoneassignments/world`);
    await waitFor(async () => (await world.za('world')) === undefined, {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: `ZoneAssignment world gone\n${leader.logs().slice(-3000)}`,
    });
    expect(await world.redisAssignments()).toEqual(new Map());
    expect(leader.logs()).toMatch(/ZoneAssignment deleted: removed its zone assignments from Redis/);
    process.stdout.write(`  ⏱ delete → Redis records and the object gone ${((Date.now() - deleted) / 1000).toFixed(1)} s\n`);
    // The other ZoneAssignment's record is not touched.
    expect(await registry.getAssignment('zone-scaled')).not.toBeNull();
  });

  it('a leader stopping gracefully withdraws its finalizer, so an uninstall (operator first) never leaves a ZoneAssignment stuck', async () => {
    expect((await world.za('scaled')).metadata.finalizers).toEqual([FINALIZER]);
    await leader.stop();
    expect((await world.za('scaled')).metadata.finalizers).toBeUndefined();
    await world.kube.must('DELETE', `/apis/aether.dev/v1alpha1/namespaces/${ns}/zoneassignments/scaled`);
    await waitFor(async () => (await world.za('scaled')) === undefined, {
      timeoutMs: 10_000,
      intervalMs: 100,
      message: 'ZoneAssignment scaled gone with no operator',
    });
  });
});
