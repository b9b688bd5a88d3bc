import { jest } from '@jest/globals';
import { waitFor } from '@aether/testing';
import { eachOwnsAZone, OperatorWorld, secs, worldManifest, ZONES, type OperatorProcess } from './harness/world.js';

jest.setTimeout(300_000);

/**
 * The whole path on real processes: kubectl apply → StatefulSet → kwok makes
 * the pods Running → the test starts a zone server per pod (SERVER_ID = pod
 * name) → the operator places every zone; then a zone server dies, a pod is
 * deleted, and the resource is scaled down. The steps share one world and run
 * in order. Convergence times are printed.
 */
describe('the operator: placement, failover and drain on a real control plane', () => {
  const ns = 'op-lifecycle';
  let world: OperatorWorld;
  let operator: OperatorProcess;
  const log = (line: string) => process.stdout.write(`  ⏱ ${line}\n`);
  const sts = () => world.kube.get(`/apis/apps/v1/namespaces/${ns}/statefulsets/world`);
  const reasons = async () => (await world.kube.events(ns, 'world')).map((e) => e.reason);

  beforeAll(async () => {
    world = await OperatorWorld.start(ns);
    operator = await world.operator('op-lifecycle');
  });

  afterAll(async () => {
    await world?.close();
  });

  it('apply → StatefulSet → Running pods → zone servers → every zone owned exactly once, Ready', async () => {
    const applied = Date.now();
    await world.apply(worldManifest('world'));

    const statefulSet = await waitFor(sts, { timeoutMs: 20_000, intervalMs: 100, message: 'the StatefulSet' });
    expect(statefulSet.spec.replicas).toBe(2);
    expect(statefulSet.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'ZoneAssignment', name: 'world', controller: true })]);
    const env = statefulSet.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'SERVER_ID', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } });
    expect(env).toContainEqual({ name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: 'aether-redis', key: 'url' } } });

    await waitFor(async () => (await world.kube.pods(ns, 'world')).filter((p) => p.status?.phase === 'Running').length === 2, {
      timeoutMs: 60_000,
      intervalMs: 100,
      message: 'pods world-0 and world-1 Running (kwok)',
    });
    const podsRunning = Date.now();
    expect((await world.kube.pods(ns, 'world')).map((p) => p.metadata.name).sort()).toEqual(['world-0', 'world-1']);

    await Promise.all([world.zoneServer('world-0'), world.zoneServer('world-1')]);
    const serversUp = Date.now();
    // The first server up may get every zone for a moment; the second one up takes its share.
    const owned = await world.waitConverged('world', ['world-0', 'world-1'], 60_000, eachOwnsAZone('world-0', 'world-1'));
    const done = Date.now();
    log(
      `apply → pods Running ${secs(podsRunning - applied)}; zone servers up ${secs(serversUp - podsRunning)}; servers up → all zones owned ${secs(done - serversUp)}; apply → all zones owned ${secs(done - applied)}`,
    );

    // Weight 2 + 1 + 1 on two servers: crossroads alone, forest and city together.
    expect(owned.get('zone-crossroads')?.server).not.toBe(owned.get('zone-forest')?.server);
    expect(owned.get('zone-forest')?.server).toBe(owned.get('zone-city')?.server);

    const za = await world.za('world');
    expect(za.status.observedGeneration).toBe(za.metadata.generation);
    expect(za.status.zones).toBe('3/3');
    expect(za.status.servers.map((s: { name: string; ready: boolean }) => [s.name, s.ready])).toEqual([
      ['world-0', true],
      ['world-1', true],
    ]);
    expect(za.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual([
      'Ready=True',
      'Progressing=False',
      'Degraded=False',
    ]);
    const printed = await world.kube.kubectl(['get', 'za', 'world', '-n', ns]);
    expect(printed.stdout).toMatch(/world\s+3\/3\s+2\s+True\s+0\s+/);
    expect((await reasons()).filter((r) => r === 'ZoneAssigned')).toHaveLength(3);
    expect(await reasons()).toContain('StatefulSetCreated');
  });

  it('a zone server killed with SIGKILL: its zones move to the other server with new epochs (heartbeat expiry)', async () => {
    const before = await world.waitConverged('world', ['world-0', 'world-1'], 60_000, eachOwnsAZone('world-0', 'world-1'));
    const victim = before.get('zone-forest')!.server;
    const survivor = victim === 'world-0' ? 'world-1' : 'world-0';
    const lost = ZONES.filter((z) => before.get(z)!.server === victim);

    const killed = Date.now();
    world.zoneServerNamed(victim)!.kill('SIGKILL');
    const after = await world.waitConverged('world', [survivor], 60_000);
    log(`kill -9 ${victim} → its ${lost.length} zone(s) owned by ${survivor} ${secs(Date.now() - killed)} (heartbeat TTL 15 s, lease TTL 15 s)`);
    for (const zone of lost) expect(after.get(zone)!.epoch).toBeGreaterThan(before.get(zone)!.epoch);

    const events = await world.kube.events(ns, 'world');
    expect(events.find((e) => e.reason === 'ServerLost')?.message).toMatch(
      new RegExp(`^${victim}: (heartbeat .* old|no fresh heartbeat); moving its ${lost.length} zone`),
    );
    expect(events.filter((e) => e.reason === 'ZoneMoved' && e.message.includes(`from ${victim} to ${survivor}`))).toHaveLength(lost.length);
    expect(await operator.metrics()).toContain(`aether_operator_reassignments_total{reason="heartbeat_expired"} ${lost.length}`);

    // Its process comes back (the container restarts): rebalancing gives it zones again.
    const restarted = Date.now();
    await world.zoneServer(victim);
    await world.waitConverged('world', ['world-0', 'world-1'], 60_000, eachOwnsAZone(victim));
    log(`${victim} restarted → rebalanced onto it ${secs(Date.now() - restarted)}`);
  });

  it('a deleted pod: its zones move at once, without waiting for the heartbeat to expire', async () => {
    const before = await world.waitConverged('world', ['world-0', 'world-1'], 60_000, eachOwnsAZone('world-0', 'world-1'));
    const victim = before.get('zone-forest')!.server;
    const lost = ZONES.filter((z) => before.get(z)!.server === victim);
    const eventsBefore = (await world.kube.events(ns, 'world')).length;

    // The zone process keeps running and heartbeating: only the pod says the server is gone.
    const deleted = Date.now();
    await world.kube.must('DELETE', `/api/v1/namespaces/${ns}/pods/${victim}`);
    const moved = await waitFor(
      async () => {
        const za = await world.za('world');
        const now = new Map<string, { server: string; epoch: number }>((za.status.assignments ?? []).map((a: any) => [a.zoneId, a]));
        if (!lost.every((z) => now.get(z)!.epoch > before.get(z)!.epoch)) return undefined;
        // …and every one of them simulated by its new owner.
        for (const z of lost) {
          const health = await world
            .zoneServerNamed(now.get(z)!.server)
            ?.health()
            .catch(() => null);
          if (!health?.zones.includes(z)) return undefined;
        }
        return now;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: `the zones of ${victim} re-owned after its pod was deleted` },
    );
    log(
      `pod ${victim} deleted → its ${lost.length} zone(s) re-owned ${secs(Date.now() - deleted)} (${lost.map((z) => `${z}→${moved.get(z)!.server}`).join(', ')})`,
    );
    const events = (await world.kube.events(ns, 'world')).slice(eventsBefore);
    expect(events.find((e) => e.reason === 'ServerLost')?.message).toMatch(new RegExp(`^${victim}: pod (gone|replaced)`));
    const metrics = await operator.metrics();
    expect(metrics).toMatch(/aether_operator_reassignments_total\{reason="pod_(gone|replaced)"\} [1-9]/);

    // The StatefulSet recreates the pod under the same name; the server is usable again and gets zones back.
    await world.waitConverged('world', ['world-0', 'world-1'], 60_000, eachOwnsAZone('world-0', 'world-1'));
  });

  it('scale down: drains the highest ordinal first and removes its pod only once it owns no zones', async () => {
    await world.waitConverged('world', ['world-0', 'world-1'], 60_000, eachOwnsAZone('world-1'));
    const eventsBefore = (await world.kube.events(ns, 'world')).length;
    // Watch the pod and the zone server it runs: the pod must not start going while the server still simulates a zone.
    let lastOwnedZones = 0;
    let podGoingAt = 0;
    let ownedWhenPodWent: string[] = [];
    let lastZones: string[] = [];
    let watching = true;
    // Two loops: a health request to a server that is going away can take its full timeout, and the
    // pod must still be seen going (the control plane removes it within a few polls of the pod loop).
    const podWatcher = (async () => {
      while (watching && !podGoingAt) {
        const pod = await world.kube.get(`/api/v1/namespaces/${ns}/pods/world-1`);
        if (!pod || pod.metadata.deletionTimestamp) {
          podGoingAt = Date.now();
          ownedWhenPodWent = lastZones;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const healthWatcher = (async () => {
      while (watching && !podGoingAt) {
        const health = await world
          .zoneServerNamed('world-1')!
          .health()
          .catch(() => null);
        lastZones = health?.zones ?? [];
        if (lastZones.length > 0) lastOwnedZones = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const patched = Date.now();
    await world.kube.patchSpec(ns, 'world', { servers: { replicas: 1 } });
    await waitFor(async () => (await sts())?.spec.replicas === 1 && (await world.kube.pods(ns, 'world')).length === 1, {
      timeoutMs: 60_000,
      intervalMs: 100,
      message: 'StatefulSet at 1 replica and pod world-1 gone',
    });
    const owned = await world.waitConverged('world', ['world-0'], 30_000);
    await waitFor(async () => podGoingAt > 0, { timeoutMs: 5_000, intervalMs: 50, message: 'the pod watcher to see world-1 go' });
    watching = false;
    await Promise.all([podWatcher, healthWatcher]);
    log(`replicas 2 → 1: drain + pod removal ${secs(podGoingAt - patched)}; all zones on world-0 ${secs(Date.now() - patched)}`);
    expect([...owned.values()].every((a) => a.server === 'world-0')).toBe(true);
    expect(podGoingAt).toBeGreaterThan(0);
    expect(ownedWhenPodWent).toEqual([]);
    expect(lastOwnedZones).toBeLessThan(podGoingAt);

    const events = (await world.kube.events(ns, 'world')).slice(eventsBefore).map((e) => e.reason);
    const at = (reason: string) => events.indexOf(reason);
    expect(at('DrainStarted')).toBeGreaterThanOrEqual(0);
    expect(at('DrainStarted')).toBeLessThan(at('DrainFinished'));
    expect(at('DrainFinished')).toBeLessThan(at('ScalingDown'));
    expect(events).not.toContain('ServerLost');
    expect(await operator.metrics()).toMatch(/aether_operator_reassignments_total\{reason="drain"\} [1-9]/);
    await waitFor(async () => (await world.za('world')).status.replicas === 1, { timeoutMs: 10_000, message: 'status.replicas 1' });
    const za = await world.za('world');
    expect(za.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe('True');
    expect(za.status.servers.map((s: { name: string }) => s.name)).toEqual(['world-0']);
  });
});
