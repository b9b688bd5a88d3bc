import { resource, SETTINGS, SPEC } from './fixtures.test-helpers.js';
import { desiredStatefulSet, podOrdinal, selectorLabels, TEMPLATE_HASH_ANNOTATION } from './statefulset.js';

describe('desiredStatefulSet', () => {
  const res = resource({
    ...SPEC,
    tickRate: 30,
    template: { image: 'aether/zone:7', env: [{ name: 'LOG_LEVEL', value: 'debug' }], resources: { limits: { memory: '512Mi' } } },
  });
  const sts = desiredStatefulSet(res, res.spec!, SETTINGS, 3);
  // The manifest is plain JSON for the API server; reading deep into it is untyped.
  const template = (sts.spec as any).template;
  const container = template.spec.containers[0];
  const env = Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));

  it('is owned by the ZoneAssignment (garbage-collected with it)', () => {
    expect(sts.metadata.ownerReferences).toEqual([
      { apiVersion: 'aether.dev/v1alpha1', kind: 'ZoneAssignment', name: 'world', uid: 'uid-world', controller: true, blockOwnerDeletion: true },
    ]);
    expect(sts.metadata.namespace).toBe('game');
  });

  it('names pods after the resource, selects them by stable labels, and labels them app.kubernetes.io/*', () => {
    expect(sts.metadata.name).toBe('world');
    expect(sts.spec!.replicas).toBe(3);
    expect(sts.spec!.selector).toEqual({ matchLabels: selectorLabels('world') });
    expect(template.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'aether-zone',
      'app.kubernetes.io/instance': 'world',
      'app.kubernetes.io/component': 'zone-server',
      'app.kubernetes.io/part-of': 'aether',
      'app.kubernetes.io/managed-by': 'aether-operator',
    });
  });

  it('gives each pod its name as SERVER_ID (downward API) and the URLs from Secrets', () => {
    expect(env.SERVER_ID).toEqual({ name: 'SERVER_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    expect(env.REDIS_URL).toEqual({ name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: 'aether-redis', key: 'url' } } });
    expect(env.DATABASE_URL).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'aether-database', key: 'url' } } });
    expect(env.TICK_RATE).toEqual({ name: 'TICK_RATE', value: '30' });
    expect(env.METRICS_PORT).toEqual({ name: 'METRICS_PORT', value: '9464' });
    expect(env.LOG_LEVEL).toEqual({ name: 'LOG_LEVEL', value: 'debug' });
    expect(env.ASSIGNED_ZONES).toBeUndefined(); // the servers follow the operator's assignments
  });

  it('probes readiness on /ready of the metrics port and passes image and resources', () => {
    expect(container.image).toBe('aether/zone:7');
    expect(container.resources).toEqual({ limits: { memory: '512Mi' } });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'metrics' });
    expect(container.ports).toEqual([{ name: 'metrics', containerPort: 9464, protocol: 'TCP' }]);
  });

  it('meets the restricted Pod Security level, with /tmp writable and no service-account token', () => {
    expect(template.spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(template.spec.automountServiceAccountToken).toBe(false);
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
  });

  it('checks liveness leniently and gives start-up its own probe', () => {
    expect(container.livenessProbe).toMatchObject({ httpGet: { path: '/health', port: 'metrics' }, failureThreshold: 6, periodSeconds: 10 });
    expect(container.startupProbe).toMatchObject({ httpGet: { path: '/health', port: 'metrics' } });
  });

  describe('from the operator configuration (ZONE_POD_TEMPLATE, ZONE_IMAGE)', () => {
    const zonePod = {
      ...SETTINGS.zonePod,
      template: {
        imagePullPolicy: 'Always' as const,
        imagePullSecrets: [{ name: 'registry' }],
        resources: { requests: { cpu: '250m' } },
        nodeSelector: { pool: 'game' },
        tolerations: [{ key: 'game', operator: 'Exists', effect: 'NoSchedule' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }],
        priorityClassName: 'game-critical',
        podLabels: { team: 'world' },
        podAnnotations: { 'example.com/scrape': 'true' },
        env: [
          { name: 'NPC_LLM_API_KEY', valueFrom: { secretKeyRef: { name: 'llm', key: 'key' } } },
          { name: 'LOG_LEVEL', value: 'info' },
        ],
      },
    };
    const plain = resource({ ...SPEC, template: { env: [{ name: 'LOG_LEVEL', value: 'debug' }] } });
    const pod = (desiredStatefulSet(plain, plain.spec!, { ...SETTINGS, zonePod }, 1).spec as any).template;
    const zone = pod.spec.containers[0];

    it('takes the image from ZONE_IMAGE when the ZoneAssignment names none', () => {
      expect(zone.image).toBe('aether/zone:1');
      expect(zone.imagePullPolicy).toBe('Always');
    });

    it('passes pull secrets, resources, placement and priority', () => {
      expect(pod.spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
      expect(zone.resources).toEqual({ requests: { cpu: '250m' } });
      expect(pod.spec.nodeSelector).toEqual({ pool: 'game' });
      expect(pod.spec.tolerations).toEqual(zonePod.template.tolerations);
      expect(pod.spec.affinity).toEqual(zonePod.template.affinity);
      expect(pod.spec.priorityClassName).toBe('game-critical');
      expect(pod.metadata.labels).toMatchObject({ team: 'world', 'app.kubernetes.io/instance': 'world' });
      expect(pod.metadata.annotations).toEqual({ 'example.com/scrape': 'true' });
    });

    it('spreads the pods of this ZoneAssignment when a constraint names no selector', () => {
      expect(pod.spec.topologySpreadConstraints).toEqual([
        { ...zonePod.template.topologySpreadConstraints[0], labelSelector: { matchLabels: selectorLabels('world') } },
      ]);
    });

    it("keeps the operator's env (valueFrom too); an allowed plain value of the ZoneAssignment overrides a default", () => {
      const byName = Object.fromEntries(zone.env.map((e: { name: string }) => [e.name, e]));
      expect(byName.NPC_LLM_API_KEY).toEqual(zonePod.template.env[0]);
      expect(byName.LOG_LEVEL).toEqual({ name: 'LOG_LEVEL', value: 'debug' });
      expect(zone.env.filter((e: { name: string }) => e.name === 'LOG_LEVEL')).toHaveLength(1);
    });
  });

  it('hashes the template so a change is noticed without comparing defaulted API objects', () => {
    const other = resource({ ...SPEC, template: { image: 'aether/zone:8' } });
    const hash = (r: typeof res) => desiredStatefulSet(r, r.spec!, SETTINGS, 1).metadata.annotations[TEMPLATE_HASH_ANNOTATION];
    expect(hash(res)).toMatch(/^[0-9a-f]{16}$/);
    expect(hash(other)).not.toBe(hash(res));
    expect(desiredStatefulSet(res, res.spec!, SETTINGS, 9).metadata.annotations[TEMPLATE_HASH_ANNOTATION]).toBe(hash(res));
  });
});

describe('podOrdinal', () => {
  it.each([
    ['world-0', 0],
    ['world-12', 12],
    ['world-01', -1],
    ['world-x', -1],
    ['worlds-1', -1],
    ['world-a-1', -1],
  ])('%s → %d', (name, ordinal) => expect(podOrdinal('world', name)).toBe(ordinal));
});
