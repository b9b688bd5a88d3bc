import { fileURLToPath } from 'node:url';
import { jest } from '@jest/globals';
import { TestKube, zaPath } from './harness/kube.js';

jest.setTimeout(60_000);

/** What the API server itself enforces, from the committed CRD YAML: no operator runs in this file. */
describe('the ZoneAssignment CRD on a real kube-apiserver', () => {
  const kube = new TestKube();
  const ns = 'op-crd';
  const manifest = (name: string, spec: unknown) =>
    JSON.stringify({ apiVersion: 'aether.dev/v1alpha1', kind: 'ZoneAssignment', metadata: { name, namespace: ns }, spec });
  const image = { image: 'aether/zone:test' };

  beforeAll(async () => {
    await kube.createNamespace(ns);
  });

  afterAll(async () => {
    await kube.request('DELETE', `/api/v1/namespaces/${ns}`);
  });

  it.each<[string, unknown, string[]]>([
    ['duplicate zone ids', { zones: [{ id: 'zone-a' }, { id: 'zone-a' }], template: image }, ['spec.zones: Invalid value', 'zone ids must be unique']],
    [
      'minReplicas above maxReplicas',
      { zones: [{ id: 'zone-a' }], servers: { minReplicas: 5, maxReplicas: 2 }, template: image },
      ['minReplicas must be <= maxReplicas'],
    ],
    [
      'replicas outside [min, max]',
      { zones: [{ id: 'zone-a' }], servers: { replicas: 7, maxReplicas: 4 }, template: image },
      ['replicas must lie within [minReplicas, maxReplicas]'],
    ],
    ['a zone id that is not a zone id', { zones: [{ id: 'Zone_A' }], template: image }, ["spec.zones[0].id in body should match '^[a-z0-9][a-z0-9-]*$'"]],
    [
      'an env var the operator sets',
      { zones: [{ id: 'zone-a' }], template: { ...image, env: [{ name: 'SERVER_ID', value: 'x' }] } },
      ['are set by the operator'],
    ],
    [
      'more zones than the servers may hold',
      { zones: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], servers: { maxReplicas: 1, maxZonesPerServer: 2 }, template: image },
      ['the zones do not fit'],
    ],
    ['no zones', { zones: [], template: image }, ['spec.zones: Invalid value: 0: spec.zones in body should have at least 1 items']],
    ['a weight of zero', { zones: [{ id: 'zone-a', weight: 0 }], template: image }, ['spec.zones[0].weight in body should be greater than or equal to 1']],
  ])('kubectl apply refuses %s, naming the rule', async (_name, spec, messages) => {
    const result = await kube.kubectl(['apply', '-f', '-'], manifest('bad', spec));
    expect(result.code).not.toBe(0);
    for (const message of messages) expect(result.stderr).toContain(message);
  });

  it('accepts a minimal spec and fills the defaults', async () => {
    const result = await kube.kubectl(['apply', '-f', '-'], manifest('minimal', { zones: [{ id: 'zone-a' }], template: image }));
    expect(result.stderr).toBe('');
    const za = await kube.za(ns, 'minimal');
    expect(za.spec).toEqual({
      zones: [{ id: 'zone-a', weight: 1 }],
      servers: { minReplicas: 1, maxReplicas: 10, maxZonesPerServer: 8, maxPlayersPerServer: 500 },
      autoscaling: { enabled: false, targetPlayersPerServer: 300, scaleDownStabilizationSeconds: 300 },
      template: { image: 'aether/zone:test', env: [] },
      tickRate: 20,
    });
  });

  it('accepts the example manifest (server-side dry run)', async () => {
    const result = await kube.kubectl([
      'apply',
      '--dry-run=server',
      '-n',
      ns,
      '-f',
      fileURLToPath(new URL('../examples/zoneassignment.yaml', import.meta.url)),
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('zoneassignment.aether.dev/world created (server dry run)');
  });

  it('is known by its short name, with printer columns', async () => {
    const result = await kube.kubectl(['get', 'za', '-n', ns]);
    expect(result.stdout.split('\n')[0]).toMatch(/^NAME\s+ZONES\s+SERVERS\s+READY\s+PLAYERS\s+AGE$/);
    expect(result.stdout).toContain('minimal');
  });

  it('explains its fields (kubectl explain)', async () => {
    const result = await kube.kubectl(['explain', 'zoneassignments.spec.servers.maxZonesPerServer']);
    expect(result.stdout).toContain('A server never gets more zones than this.');
    const top = await kube.kubectl(['explain', 'za.spec']);
    for (const field of ['zones', 'servers', 'autoscaling', 'template', 'tickRate']) expect(top.stdout).toContain(field);
  });

  it('keeps status behind the /status subresource', async () => {
    const za = await kube.za(ns, 'minimal');
    // A write of the main resource ignores status …
    await kube.must('PUT', zaPath(ns, 'minimal'), { ...za, status: { players: 5 } });
    expect((await kube.za(ns, 'minimal')).status).toBeUndefined();
    // … the subresource takes it.
    const fresh = await kube.za(ns, 'minimal');
    await kube.must('PUT', `${zaPath(ns, 'minimal')}/status`, { ...fresh, status: { players: 5 } });
    expect((await kube.za(ns, 'minimal')).status).toEqual({ players: 5 });
  });
});
