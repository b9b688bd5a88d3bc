import { jest } from '@jest/globals';
import { waitFor } from '@aether/testing';
import { OperatorWorld, worldManifest, type OperatorProcess } from './harness/world.js';

jest.setTimeout(180_000);

/**
 * Zone pods as the operator renders them, in a namespace that enforces the
 * `restricted` Pod Security level (the API server's PodSecurity admission is
 * on by default), and the ZoneAssignments the operator must refuse: an image
 * it does not allow, env that reads a Secret, a zone another resource owns.
 */
describe('hardened zone pods and what a ZoneAssignment may not ask for', () => {
  const ns = 'op-pod-security';
  let world: OperatorWorld;
  let operator: OperatorProcess;

  const condition = async (name: string, type: string) => (await world.za(name))?.status?.conditions?.find((c: { type: string }) => c.type === type);
  const waitCondition = (name: string, type: string, reason: string) =>
    waitFor(async () => ((await condition(name, type))?.reason === reason ? condition(name, type) : undefined), {
      timeoutMs: 20_000,
      intervalMs: 100,
      message: `${name}: condition ${type} with reason ${reason}`,
    });

  beforeAll(async () => {
    world = await OperatorWorld.start(ns);
    const labelled = await world.kube.kubectl(['label', 'namespace', ns, 'pod-security.kubernetes.io/enforce=restricted', '--overwrite']);
    expect(labelled.code).toBe(0);
    operator = await world.operator('op-pod-security', {
      ZONE_POD_TEMPLATE: JSON.stringify({
        imagePullSecrets: [{ name: 'registry' }],
        resources: { requests: { cpu: '100m', memory: '128Mi' } },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }],
        env: [{ name: 'NPC_LLM_API_KEY', valueFrom: { secretKeyRef: { name: 'llm', key: 'key', optional: true } } }],
      }),
    });
  });

  afterAll(async () => {
    if (operator) process.stdout.write(`${operator.logs().slice(-4000)}\n`);
    await world?.close();
  });

  it('the namespace really enforces restricted: a plain pod is refused', async () => {
    const plain = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'plain' },
      spec: { containers: [{ name: 'c', image: 'aether/zone:test' }] },
    };
    const response = await world.kube.request('POST', `/api/v1/namespaces/${ns}/pods?dryRun=All`, plain);
    expect(response.status).toBe(403);
    expect(response.body?.message).toMatch(/violates PodSecurity "restricted/);
  });

  it('admits the zone pods the operator renders, with a PodDisruptionBudget', async () => {
    await world.apply(worldManifest('world', { template: {} }));
    const sts = await waitFor(() => world.kube.get(`/apis/apps/v1/namespaces/${ns}/statefulsets/world`), {
      timeoutMs: 20_000,
      intervalMs: 100,
      message: 'the StatefulSet',
    });
    const pod = sts.spec.template;
    expect(pod.spec.containers[0].image).toBe('aether/zone:test'); // ZONE_IMAGE: the ZoneAssignment names none
    expect(pod.spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect(pod.spec.automountServiceAccountToken).toBe(false);

    // The same template as a bare pod, dry run: PodSecurity answers directly instead of through StatefulSet events.
    const dryRun = await world.kube.request('POST', `/api/v1/namespaces/${ns}/pods?dryRun=All`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'dry-run', labels: pod.metadata.labels },
      spec: pod.spec,
    });
    expect([dryRun.status, dryRun.body?.message]).toEqual([201, undefined]);

    const pods = await waitFor(
      async () => {
        const list = await world.kube.pods(ns, 'world');
        return list.length === 2 ? list : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, message: 'both zone pods created (admitted under restricted)' },
    );
    expect(pods.map((p) => p.metadata.name).sort()).toEqual(['world-0', 'world-1']);

    const budget = await waitFor(() => world.kube.get(`/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/world`), {
      timeoutMs: 20_000,
      intervalMs: 100,
      message: 'the PodDisruptionBudget',
    });
    expect(budget.spec.maxUnavailable).toBe(1);
    expect(budget.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'aether-zone', 'app.kubernetes.io/instance': 'world' });
    expect(budget.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'ZoneAssignment', name: 'world', controller: true })]);
  });

  it.each([
    ['an image outside the allow-list', 'evil', { image: 'evil.example/miner:1' }, 'ImageNotAllowed', /evil\.example\/miner:1/],
    [
      'env that reads a Secret (valueFrom)',
      'leaky',
      { env: [{ name: 'LOG_LEVEL', valueFrom: { secretKeyRef: { name: 'aether-database', key: 'url' } } }] },
      'EnvNotAllowed',
      /LOG_LEVEL uses valueFrom/,
    ],
  ])('refuses %s with a condition and an Event, and runs nothing', async (_name, name, template, reason, message) => {
    await world.apply(worldManifest(name, { zones: [{ id: `zone-${name}` }], template }));
    const degraded = await waitCondition(name, 'Degraded', reason);
    expect(degraded.status).toBe('True');
    expect(degraded.message).toMatch(message);
    await waitFor(async () => (await world.kube.events(ns, name)).some((e) => e.reason === reason && e.type === 'Warning'), {
      timeoutMs: 10_000,
      intervalMs: 100,
      message: `${reason} Event`,
    });
    expect(await world.kube.get(`/apis/apps/v1/namespaces/${ns}/statefulsets/${name}`)).toBeUndefined();
  });

  it('a second ZoneAssignment naming a zone of an older one gets ZoneConflict and leaves it alone', async () => {
    await world.apply(worldManifest('copycat', { zones: [{ id: 'zone-city' }, { id: 'zone-copycat' }], servers: { replicas: 1 }, template: {} }));
    const conflict = await waitCondition('copycat', 'ZoneConflict', 'ZoneOwnedElsewhere');
    expect(conflict.status).toBe('True');
    expect(conflict.message).toMatch(new RegExp(`zone-city is owned by ${ns}/world`));
    await waitFor(async () => (await world.kube.events(ns, 'copycat')).some((e) => e.reason === 'ZoneConflict'), {
      timeoutMs: 10_000,
      intervalMs: 100,
      message: 'ZoneConflict Event',
    });
    // The older resource keeps its zones and is not told about the newer one.
    expect((await condition('world', 'ZoneConflict')) ?? 'none').toBe('none');
    const record = (await world.redisAssignments()).get('zone-city');
    expect(record?.serverId ?? 'none').not.toMatch(/^copycat-/);
  });
});
