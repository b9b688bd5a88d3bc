import { jest } from '@jest/globals';
import { waitFor } from '@aether/testing';
import { OperatorWorld, secs, worldManifest, ZONES, type OperatorProcess } from './harness/world.js';

jest.setTimeout(240_000);

/** Short Lease timings so a takeover fits a test: lease 4 s, renew every 1 s, give up after 3 s, followers poll every 0.5 s. */
const FAST_LEASE = {
  LEADER_LEASE_DURATION_MS: '4000',
  LEADER_RENEW_INTERVAL_MS: '1000',
  LEADER_RENEW_DEADLINE_MS: '3000',
  LEADER_RETRY_INTERVAL_MS: '500',
};

describe('operator high availability and recovery on a real control plane', () => {
  const ns = 'op-ha';
  let world: OperatorWorld;
  const operators = new Map<string, OperatorProcess>();
  const log = (line: string) => process.stdout.write(`  ⏱ ${line}\n`);
  const lease = () => world.kube.get(`/apis/coordination.k8s.io/v1/namespaces/${ns}/leases/aether-operator`);
  const holder = async () => (await lease())?.spec?.holderIdentity as string | undefined;
  const leaderGauge = async (op: OperatorProcess) => /^aether_operator_leader(?:\{[^}]*\})? (\d)/m.exec(await op.metrics())?.[1];

  beforeAll(async () => {
    world = await OperatorWorld.start(ns);
    for (const name of ['op-a', 'op-b']) operators.set(name, await world.operator(name, FAST_LEASE));
  });

  afterAll(async () => {
    await world?.close();
  });

  it('two replicas, one leader (Lease); the follower takes over when the leader is killed', async () => {
    await world.apply(worldManifest('world', { servers: { replicas: 1, minReplicas: 1, maxReplicas: 3 } }));
    await waitFor(async () => (await world.kube.pods(ns, 'world')).some((p) => p.status?.phase === 'Running'), {
      timeoutMs: 60_000,
      message: 'pod world-0 Running',
    });
    await world.zoneServer('world-0');
    await world.waitConverged('world', ['world-0']);

    const leader = await waitFor(holder, { timeoutMs: 10_000, message: 'a Lease holder' });
    const follower = [...operators.keys()].find((name) => name !== leader)!;
    expect(await leaderGauge(operators.get(leader)!)).toBe('1');
    expect(await leaderGauge(operators.get(follower)!)).toBe('0');

    // Kill the leader outright (no Lease release), then ask for a change only a leader makes.
    const killed = Date.now();
    operators.get(leader)!.kill('SIGKILL');
    operators.delete(leader);
    await world.kube.patchSpec(ns, 'world', { servers: { replicas: 2 } });
    await waitFor(async () => (await holder()) === follower, { timeoutMs: 20_000, intervalMs: 100, message: `${follower} to take the Lease` });
    const tookLease = Date.now();
    await waitFor(async () => (await world.kube.get(`/apis/apps/v1/namespaces/${ns}/statefulsets/world`))?.spec.replicas === 2, {
      timeoutMs: 20_000,
      intervalMs: 100,
      message: 'the new leader to scale the StatefulSet',
    });
    log(
      `leader ${leader} killed → ${follower} holds the Lease ${secs(tookLease - killed)} → reconciles (StatefulSet scaled) ${secs(Date.now() - killed)} (lease duration 4 s)`,
    );
    expect(await leaderGauge(operators.get(follower)!)).toBe('1');
    expect((await lease()).spec.leaseTransitions).toBeGreaterThanOrEqual(1);

    await waitFor(async () => (await world.kube.pods(ns, 'world')).filter((p) => p.status?.phase === 'Running').length === 2, {
      timeoutMs: 60_000,
      message: 'pod world-1 Running',
    });
    await world.zoneServer('world-1');
    await world.waitConverged('world', ['world-0', 'world-1'], 60_000, (owned) => [...owned.values()].some((a) => a.server === 'world-1'));
  });

  it('a leader that stops gracefully hands the Lease over at once', async () => {
    const [name, current] = [...operators][0]!;
    const standby = await world.operator('op-c', FAST_LEASE);
    operators.set('op-c', standby);
    expect(await holder()).toBe(name);
    const stopping = Date.now();
    await current.stop();
    operators.delete(name);
    await waitFor(async () => (await holder()) === 'op-c', { timeoutMs: 10_000, intervalMs: 50, message: 'op-c to take the released Lease' });
    log(`leader ${name} stopped (SIGTERM, Lease released) → op-c leads ${secs(Date.now() - stopping)}`);
  });

  it('an operator restarted against a flushed Redis re-writes every assignment from status, same epochs', async () => {
    const before = await world.waitConverged('world', ['world-0', 'world-1']);
    for (const op of operators.values()) await op.stop();
    operators.clear();
    await world.flushRedis();
    expect((await world.redisAssignments()).size).toBe(0);

    const restarted = Date.now();
    operators.set('op-d', await world.operator('op-d', FAST_LEASE));
    await waitFor(
      async () => {
        const records = await world.redisAssignments();
        return ZONES.every((zone) => records.get(zone)?.serverId === before.get(zone)!.server && records.get(zone)?.epoch === before.get(zone)!.epoch);
      },
      { timeoutMs: 30_000, intervalMs: 100, message: 'the assignments back in Redis' },
    );
    const restored = Date.now();
    // The zone servers kept their zones throughout; their leases come back on their next renewal (every 5 s).
    const after = await world.waitConverged('world', ['world-0', 'world-1'], 30_000);
    log(`operator started on a flushed Redis → assignments re-written ${secs(restored - restarted)} → leases back, Ready ${secs(Date.now() - restarted)}`);
    for (const zone of ZONES) expect(after.get(zone)).toEqual(before.get(zone));
    // Events are sent after the Redis writes, so the world can look converged a moment before this one exists.
    await waitFor(async () => (await world.kube.events(ns, 'world')).some((e) => e.reason === 'AssignmentsRestored'), {
      timeoutMs: 5_000,
      intervalMs: 100,
      message: 'the AssignmentsRestored Event',
    });
  });
});
