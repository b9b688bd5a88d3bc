import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { chart, documentedMetrics, env, find, helm, kinds, metricsIn, podSpecs, render, renderError, root, type K8sObject } from './helpers.js';

// `helm lint` and `helm template` over charts/aether: what the chart renders
// for its important switches, and what it refuses to render. The install into a
// real API server is tests/integration/install.test.ts.

const NAMESPACE = 'games';

describe('helm lint', () => {
  it.each([
    ['the defaults', []],
    ['ci/minimal-values.yaml', ['--values', `${chart}ci/minimal-values.yaml`]],
    ['ci/production-values.yaml', ['--values', `${chart}ci/production-values.yaml`]],
    ['evaluation mode', ['--set', 'evaluation.enabled=true']],
  ])('is clean with %s', (_name, args) => {
    const result = spawnSync(helm(), ['lint', chart, '--strict', ...args], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
    expect(result.status).toBe(0);
  });
});

describe('helm template with the minimal values', () => {
  const objects = render();

  it('renders the operator, the gateway, the migration hook, the world and the dashboard', () => {
    expect(kinds(objects)).toEqual(
      [
        'ConfigMap', // dashboard
        'Deployment',
        'Deployment',
        'Job', // migrations (hook)
        'NetworkPolicy', // gateway, operator, zone pods, migrations, helm test (network-policy.test.ts)
        'NetworkPolicy',
        'NetworkPolicy',
        'NetworkPolicy',
        'NetworkPolicy',
        'Pod', // helm test
        'PodDisruptionBudget',
        'PodDisruptionBudget',
        'Role',
        'RoleBinding',
        'Secret', // database URL
        'Secret', // database URL for the hook
        'Secret', // Redis URL
        'Service',
        'Service', // gateway-metrics: the gateway's ops port, inside the cluster only
        'Service',
        'ServiceAccount',
        'ServiceAccount',
        'ZoneAssignment',
      ].sort(),
    );
  });

  it('labels every object the Kubernetes way and puts namespaced objects in the release namespace', () => {
    for (const object of objects) {
      const labels = object.metadata.labels ?? {};
      expect({ object: `${object.kind}/${object.metadata.name}`, ...labels }).toMatchObject({
        'app.kubernetes.io/name': 'aether',
        'app.kubernetes.io/instance': 'rel',
        'app.kubernetes.io/managed-by': 'Helm',
        'app.kubernetes.io/part-of': 'aether',
        'app.kubernetes.io/version': '0.1.0',
        'helm.sh/chart': 'aether-0.1.0',
      });
      expect(labels['app.kubernetes.io/component']).toMatch(/^[a-z-]+$/);
      expect(object.metadata.namespace).toBe(NAMESPACE);
    }
  });

  it('runs the operator twice with leader election, in its namespace, with the secrets the zone pods need', () => {
    const operator = find(objects, 'Deployment', '-operator');
    expect(operator.spec.replicas).toBe(2);
    const container = operator.spec.template.spec.containers[0];
    expect(container.image).toBe('aether/operator:0.1.0');
    expect(env(container)).toMatchObject({
      POD_NAME: { fieldRef: { fieldPath: 'metadata.name' } },
      POD_NAMESPACE: { fieldRef: { fieldPath: 'metadata.namespace' } },
      REDIS_URL: { secretKeyRef: { name: 'rel-aether-redis', key: 'url' } },
      WATCH_NAMESPACE: NAMESPACE,
      LEADER_ELECTION_NAMESPACE: NAMESPACE,
      LEADER_ELECTION_NAME: 'rel-aether-operator',
      LEADER_LEASE_DURATION_MS: '15000',
      LEADER_RENEW_DEADLINE_MS: '10000',
      LEADER_RETRY_INTERVAL_MS: '2000',
      METRICS_PORT: '9464',
      ZONE_REDIS_SECRET: 'rel-aether-redis',
      ZONE_REDIS_SECRET_KEY: 'url',
      ZONE_DATABASE_SECRET: 'rel-aether-database',
      ZONE_DATABASE_SECRET_KEY: 'url',
      ZONE_METRICS_PORT: '9464',
      ZONE_IMAGE: 'aether/zone:0.1.0',
      ZONE_ENV_ALLOWLIST: 'LOG_LEVEL,LOG_PRETTY,CHECKPOINT_INTERVAL_MS',
    });
    expect(JSON.parse(env(container).ZONE_POD_TEMPLATE)).toEqual({
      imagePullPolicy: 'IfNotPresent',
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
      env: [{ name: 'LOG_LEVEL', value: 'info' }],
    });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'metrics' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'metrics' });
    const pdb = find(objects, 'PodDisruptionBudget', '-operator');
    expect(pdb.spec).toEqual({ minAvailable: 1, selector: operator.spec.selector });
    expect(operator.spec.template.metadata.labels).toMatchObject(operator.spec.selector.matchLabels);
  });

  it('gives the operator exactly the rules of operator/examples/rbac.yaml, namespaced, and no Secrets', () => {
    const role = find(objects, 'Role', '-operator');
    const examples = parseAllDocuments(readFileSync(`${root}operator/examples/rbac.yaml`, 'utf8')).map((d) => d.toJSON());
    const clusterRole = examples.find((d: any) => d?.kind === 'ClusterRole');
    expect(role.rules).toEqual(clusterRole.rules);
    expect(JSON.stringify(role.rules)).not.toContain('secrets');
    expect(role.rules.flatMap((rule: any) => rule.verbs)).not.toContain('*');
    const binding = find(objects, 'RoleBinding', '-operator');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'rel-aether-operator', namespace: NAMESPACE }]);
    expect(find(objects, 'Deployment', '-operator').spec.template.spec.serviceAccountName).toBe('rel-aether-operator');
  });

  it('runs the gateway behind a Service with its URLs from Secrets and no API token', () => {
    const gateway = find(objects, 'Deployment', '-gateway');
    expect(gateway.spec.replicas).toBe(2);
    const spec = gateway.spec.template.spec;
    expect(spec.automountServiceAccountToken).toBe(false);
    const container = spec.containers[0];
    expect(container.image).toBe('aether/gateway:0.1.0');
    expect(env(container)).toMatchObject({
      SERVER_ID: { fieldRef: { fieldPath: 'metadata.name' } },
      GATEWAY_PORT: '3100',
      REDIS_URL: { secretKeyRef: { name: 'rel-aether-redis', key: 'url' } },
      DATABASE_URL: { secretKeyRef: { name: 'rel-aether-database', key: 'url' } },
      AUTH_MODE: 'dev',
      TICK_RATE: '20',
    });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    const service = find(objects, 'Service', '-gateway');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(service.spec.selector).toEqual(gateway.spec.selector.matchLabels);
    expect(service.spec.sessionAffinity).toBe('ClientIP');
  });

  it("serves /metrics and the registry listings on the gateway ops port, behind a ClusterIP Service of its own, never the players' Service", () => {
    const container = find(objects, 'Deployment', '-gateway').spec.template.spec.containers[0];
    expect(env(container)).toMatchObject({ METRICS_PORT: '9464' });
    expect(container.ports).toEqual([
      { name: 'http', containerPort: 3100, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9464, protocol: 'TCP' },
    ]);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'metrics' });
    const players = find(objects, 'Service', '-gateway');
    expect(players.spec.ports.map((port: { targetPort: string }) => port.targetPort)).toEqual(['http']);
    const ops = find(objects, 'Service', '-gateway-metrics');
    expect(ops.spec.type).toBe('ClusterIP');
    expect(ops.spec.ports).toEqual([{ name: 'metrics', port: 9464, targetPort: 'metrics', protocol: 'TCP' }]);
    expect(ops.spec.selector).toEqual(players.spec.selector);
    expect(ops.metadata.labels!['aether.dev/endpoint']).toBe('metrics');
    expect(players.metadata.labels!['aether.dev/endpoint']).toBeUndefined();
    const moved = render({ set: { 'gateway.metricsPort': 9100 } });
    expect(find(moved, 'Service', '-gateway-metrics').spec).toMatchObject({
      type: 'ClusterIP',
      ports: [{ name: 'metrics', port: 9100, targetPort: 'metrics', protocol: 'TCP' }],
    });
    expect(env(find(moved, 'Deployment', '-gateway').spec.template.spec.containers[0]).METRICS_PORT).toBe('9100');
  });

  it("keeps the gateway's PodDisruptionBudget and no autoscaler by default", () => {
    expect(find(objects, 'PodDisruptionBudget', '-gateway').spec.maxUnavailable).toBe(1);
    expect(objects.some((object) => object.kind === 'HorizontalPodAutoscaler')).toBe(false);
  });

  it('stores the URLs in Secrets', () => {
    expect(find(objects, 'Secret', '-redis').stringData).toEqual({ url: 'redis://aether-redis.aether.svc:6379' });
    expect(find(objects, 'Secret', '-database').stringData).toEqual({ url: 'postgresql://aether:aether@aether-postgresql.aether.svc:5432/aether' });
  });

  it('migrates and seeds from the gateway image in a pre-install/pre-upgrade hook with its own hook Secret', () => {
    const job = find(objects, 'Job', '-migrations');
    expect(job.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '0' });
    const secret = find(objects, 'Secret', '-migrations');
    expect(secret.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-10' });
    expect(secret.stringData.url).toMatch(/^postgresql:\/\//);
    const spec = job.spec.template.spec;
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.initContainers.map((c: any) => [c.name, c.image, c.command])).toEqual([
      ['migrate', 'aether/gateway:0.1.0', ['node', 'scripts/db/migrate.mjs']],
    ]);
    expect(spec.containers.map((c: any) => [c.name, c.image, c.command])).toEqual([['seed', 'aether/gateway:0.1.0', ['node', 'scripts/db/seed.mjs']]]);
    for (const container of [...spec.initContainers, ...spec.containers]) {
      expect(env(container).DATABASE_URL).toEqual({ secretKeyRef: { name: secret.metadata.name, key: 'url' } });
    }
  });

  it('creates the seed world: zone-crossroads (weight 2), zone-forest, zone-city on the zone image', () => {
    const world = find(objects, 'ZoneAssignment');
    expect(world.apiVersion).toBe('aether.dev/v1alpha1');
    expect(world.metadata.name).toBe('rel-aether-world');
    expect(world.spec.zones).toEqual([{ id: 'zone-crossroads', weight: 2 }, { id: 'zone-forest' }, { id: 'zone-city' }]);
    expect(world.spec.servers).toEqual({ replicas: 2, minReplicas: 1, maxReplicas: 10, maxZonesPerServer: 8, maxPlayersPerServer: 500 });
    // Only the image (the operator's ZONE_IMAGE): env and pod settings are the operator's configuration.
    expect(world.spec.template).toEqual({ image: 'aether/zone:0.1.0' });
    expect(world.spec.tickRate).toBe(20);
  });

  it('runs every pod as non-root on a read-only root filesystem with a writable /tmp', () => {
    const pods = podSpecs(objects);
    expect(pods.map((pod) => pod.owner).sort()).toEqual(
      ['Deployment/rel-aether-gateway', 'Deployment/rel-aether-operator', 'Job/rel-aether-migrations', 'Pod/rel-aether-test-gateway'].sort(),
    );
    for (const { owner, spec } of pods) {
      expect({ owner, ...spec.securityContext }).toMatchObject({ owner, runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
        expect({ owner, ...container.securityContext }).toMatchObject({
          owner,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        if (owner.startsWith('Pod/')) continue; // the test pod writes nothing
        expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      }
    }
  });

  it("has a helm test pod that checks /health through the players' Service and /api/zones through the ops one", () => {
    const pod = find(objects, 'Pod', '-test-gateway');
    expect(pod.metadata.annotations['helm.sh/hook']).toBe('test');
    const container = pod.spec.containers[0];
    expect(container.image).toBe('aether/gateway:0.1.0');
    expect(env(container)).toEqual({
      GATEWAY_URL: `http://rel-aether-gateway.${NAMESPACE}.svc:80`,
      GATEWAY_OPS_URL: `http://rel-aether-gateway-metrics.${NAMESPACE}.svc:9464`,
      EXPECTED_ZONES: 'zone-crossroads,zone-forest,zone-city',
    });
    const script = container.command.join(' ');
    expect(script).toContain("get('/health')");
    expect(script).toContain("get('/api/zones', process.env.GATEWAY_OPS_URL)");
  });

  it('ships the Grafana dashboard for the sidecar', () => {
    const configMap = find(objects, 'ConfigMap', '-dashboard');
    expect(configMap.metadata.labels!.grafana_dashboard).toBe('1');
    expect(JSON.parse(configMap.data['aether.json'])).toEqual(JSON.parse(readFileSync(`${chart}dashboards/aether.json`, 'utf8')));
  });

  it('leaves out monitoring objects the Prometheus Operator would need', () => {
    expect(objects.filter((object) => object.apiVersion.startsWith('monitoring.coreos.com'))).toEqual([]);
  });
});

describe('the CRD', () => {
  it('lives in crds/ (installed before the templates; not in `helm template` unless --include-crds)', () => {
    expect(render().some((object) => object.kind === 'CustomResourceDefinition')).toBe(false);
    const crd = find(render({ flags: ['--include-crds'] }), 'CustomResourceDefinition');
    expect(crd.metadata.name).toBe('zoneassignments.aether.dev');
  });

  it('is the operator’s generated CRD, byte for byte (copy operator/crd/zoneassignments.aether.dev.yaml after `npm run crd`)', () => {
    expect(readFileSync(`${chart}crds/zoneassignments.aether.dev.yaml`, 'utf8')).toBe(
      readFileSync(`${root}operator/crd/zoneassignments.aether.dev.yaml`, 'utf8'),
    );
  });

  it('accepts the default ZoneAssignment (spec fields exist in its schema)', () => {
    const crd = parse(readFileSync(`${chart}crds/zoneassignments.aether.dev.yaml`, 'utf8'));
    const spec = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    const world = find(render(), 'ZoneAssignment');
    for (const key of Object.keys(world.spec)) expect(spec.properties).toHaveProperty(key);
    for (const key of Object.keys(world.spec.servers)) expect(spec.properties.servers.properties).toHaveProperty(key);
    for (const key of Object.keys(world.spec.template)) expect(spec.properties.template.properties).toHaveProperty(key);
  });
});

describe('switches', () => {
  it('existingSecret: the chart creates no Secret and every consumer reads the named one', () => {
    const objects = render({
      values: [],
      set: {
        'redis.existingSecret': 'my-redis',
        'redis.existingSecretKey': 'redis-url',
        'database.existingSecret': 'my-db',
        'database.existingSecretKey': 'db-url',
      },
    });
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
    const operator = env(find(objects, 'Deployment', '-operator').spec.template.spec.containers[0]);
    expect(operator).toMatchObject({
      REDIS_URL: { secretKeyRef: { name: 'my-redis', key: 'redis-url' } },
      ZONE_REDIS_SECRET: 'my-redis',
      ZONE_REDIS_SECRET_KEY: 'redis-url',
      ZONE_DATABASE_SECRET: 'my-db',
      ZONE_DATABASE_SECRET_KEY: 'db-url',
    });
    const gateway = env(find(objects, 'Deployment', '-gateway').spec.template.spec.containers[0]);
    expect(gateway.DATABASE_URL).toEqual({ secretKeyRef: { name: 'my-db', key: 'db-url' } });
    const job = find(objects, 'Job', '-migrations').spec.template.spec;
    expect(env(job.initContainers[0]).DATABASE_URL).toEqual({ secretKeyRef: { name: 'my-db', key: 'db-url' } });
  });

  it('gateway.autoscaling: an HPA owns the replica count', () => {
    const objects = render({ set: { 'gateway.autoscaling.enabled': true, 'gateway.autoscaling.minReplicas': 3, 'gateway.autoscaling.maxReplicas': 7 } });
    const hpa = find(objects, 'HorizontalPodAutoscaler', '-gateway');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({ minReplicas: 3, maxReplicas: 7, scaleTargetRef: { kind: 'Deployment', name: 'rel-aether-gateway' } });
    expect(find(objects, 'Deployment', '-gateway').spec.replicas).toBeUndefined();
  });

  it('metrics.serviceMonitor: ServiceMonitors for gateway and operator, a PodMonitor for the operator’s zone pods', () => {
    const objects = render({ set: { 'metrics.serviceMonitor.enabled': true, 'metrics.serviceMonitor.labels.release': 'prom' } });
    const gateway = find(objects, 'ServiceMonitor', '-gateway');
    expect(gateway.metadata.labels!.release).toBe('prom');
    // The ops port, through the gateway-metrics Service only (the players' Service lacks the label).
    expect(gateway.spec.endpoints[0]).toMatchObject({ port: 'metrics', path: '/metrics' });
    expect(gateway.spec.selector.matchLabels).toEqual({
      ...find(objects, 'Deployment', '-gateway').spec.selector.matchLabels,
      'aether.dev/endpoint': 'metrics',
    });
    const selects = (service: { metadata: { labels?: Record<string, string> } }) =>
      Object.entries(gateway.spec.selector.matchLabels).every(([key, value]) => service.metadata.labels?.[key] === value);
    expect(selects(find(objects, 'Service', '-gateway-metrics'))).toBe(true);
    expect(selects(find(objects, 'Service', '-gateway'))).toBe(false);
    const operator = find(objects, 'ServiceMonitor', '-operator');
    expect(operator.spec.endpoints[0]).toMatchObject({ port: 'metrics', path: '/metrics' });
    const metricsService = find(objects, 'Service', '-operator-metrics');
    for (const [key, value] of Object.entries(operator.spec.selector.matchLabels)) expect(metricsService.metadata.labels![key]).toBe(value);
    const zones = find(objects, 'PodMonitor', '-zone');
    expect(zones.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'aether-zone', 'app.kubernetes.io/instance': 'rel-aether-world' });
    expect(zones.spec.podMetricsEndpoints[0]).toMatchObject({ port: 'metrics', path: '/metrics' });
  });

  it('metrics.prometheusRule: the four alerts (and two more) over documented metrics only', () => {
    const rule = find(render({ set: { 'metrics.prometheusRule.enabled': true } }), 'PrometheusRule');
    const rules = rule.spec.groups.flatMap((group: any) => group.rules);
    expect(rules.map((r: any) => r.alert).sort()).toEqual(
      ['AetherCheckpointLagging', 'AetherHeartbeatMissing', 'AetherOperatorNoLeader', 'AetherReconcileErrors', 'AetherTickOverrun', 'AetherZoneUnowned'].sort(),
    );
    const documented = documentedMetrics();
    for (const r of rules) {
      expect(r.labels.severity).toMatch(/^(warning|critical)$/);
      expect(r.annotations.summary).toBeTruthy();
      const used = metricsIn(r.expr, documented);
      expect(used.length).toBeGreaterThan(0);
      for (const name of used)
        expect({ alert: r.alert, metric: name, documented: documented.has(name) }).toEqual({ alert: r.alert, metric: name, documented: true });
      expect(r.expr).toContain(`namespace="${NAMESPACE}"`);
    }
    const unowned = rules.find((r: any) => r.alert === 'AetherZoneUnowned');
    expect(unowned.expr).toContain('zone=~"zone-crossroads|zone-forest|zone-city"');
    expect(unowned.expr).toContain('< 3');
  });

  it('metrics.dashboard: off leaves no ConfigMap; namespace moves it', () => {
    expect(render({ set: { 'metrics.dashboard.enabled': false } }).some((object) => object.kind === 'ConfigMap')).toBe(false);
    expect(find(render({ set: { 'metrics.dashboard.namespace': 'monitoring' } }), 'ConfigMap').metadata.namespace).toBe('monitoring');
  });

  it('operator.watchAllNamespaces: a ClusterRole named after the namespace, the Lease still in a namespaced Role', () => {
    const objects = render({ set: { 'operator.watchAllNamespaces': true } });
    const clusterRole = find(objects, 'ClusterRole');
    expect(clusterRole.metadata.name).toBe(`${NAMESPACE}-rel-aether-operator`);
    expect(clusterRole.metadata.namespace).toBeUndefined();
    expect(JSON.stringify(clusterRole.rules)).not.toContain('leases');
    expect(find(objects, 'ClusterRoleBinding').roleRef.name).toBe(clusterRole.metadata.name);
    const lease = find(objects, 'Role', '-leader-election');
    expect(lease.rules).toEqual([{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }]);
    expect(env(find(objects, 'Deployment', '-operator').spec.template.spec.containers[0]).WATCH_NAMESPACE).toBeUndefined();
  });

  it('auth.mode=jwt: the public key reaches the gateway from a Secret (more auth switches: auth.test.ts)', () => {
    const objects = render({
      set: { 'auth.mode': 'jwt', 'auth.jwt.publicKey': 'PEM', 'auth.jwt.issuer': 'https://id.example', 'auth.jwt.audience': 'aether' },
    });
    expect(find(objects, 'Secret', '-jwt').stringData).toEqual({ 'jwt-public-key.pem': 'PEM' });
    expect(env(find(objects, 'Deployment', '-gateway').spec.template.spec.containers[0])).toMatchObject({
      AUTH_MODE: 'jwt',
      AUTH_JWT_PUBLIC_KEY: { secretKeyRef: { name: 'rel-aether-jwt', key: 'jwt-public-key.pem' } },
    });
  });

  it('migrations.seed=false migrates only; migrations.enabled=false has no hook; zoneAssignment.enabled=false has no world', () => {
    const job = find(render({ set: { 'migrations.seed': false } }), 'Job').spec.template.spec;
    expect(job.initContainers).toBeUndefined();
    expect(job.containers.map((c: any) => c.command)).toEqual([['node', 'scripts/db/migrate.mjs']]);
    expect(render({ set: { 'migrations.enabled': false } }).some((object) => object.kind === 'Job')).toBe(false);
    expect(render({ set: { 'zoneAssignment.enabled': false } }).some((object) => object.kind === 'ZoneAssignment')).toBe(false);
  });

  it('image.registry and tags: <registry>/<repository>:<tag>, per-image tags win', () => {
    const objects = render({ set: { 'image.registry': 'registry.example.com/games', 'image.tag': '1.2.3', 'operator.image.tag': '1.2.4' } });
    expect(find(objects, 'Deployment', '-gateway').spec.template.spec.containers[0].image).toBe('registry.example.com/games/aether/gateway:1.2.3');
    expect(find(objects, 'Deployment', '-operator').spec.template.spec.containers[0].image).toBe('registry.example.com/games/aether/operator:1.2.4');
    expect(find(objects, 'ZoneAssignment').spec.template.image).toBe('registry.example.com/games/aether/zone:1.2.3');
    expect(env(find(objects, 'Deployment', '-operator').spec.template.spec.containers[0]).ZONE_IMAGE).toBe('registry.example.com/games/aether/zone:1.2.3');
  });

  it('gives zone pods pull secrets, placement and allow-lists through the operator (ZONE_POD_TEMPLATE, ZONE_*_ALLOWLIST)', () => {
    const objects = render({
      set: {
        'image.pullSecrets[0]': 'registry',
        'zone.imageAllowlist[0]': 'registry.example.com/aether/zone:*',
        'zone.envAllowlist': 'null',
        'zone.nodeSelector.pool': 'game',
        'zone.tolerations[0].key': 'game',
        'zone.tolerations[0].operator': 'Exists',
        'zone.topologySpreadConstraints[0].maxSkew': 1,
        'zone.topologySpreadConstraints[0].topologyKey': 'topology.kubernetes.io/zone',
        'zone.topologySpreadConstraints[0].whenUnsatisfiable': 'ScheduleAnyway',
        'zone.priorityClassName': 'game-critical',
        'zone.podLabels.team': 'world',
      },
    });
    const operatorEnv = env(find(objects, 'Deployment', '-operator').spec.template.spec.containers[0]);
    expect(operatorEnv.ZONE_IMAGE_ALLOWLIST).toBe('registry.example.com/aether/zone:*');
    expect(operatorEnv.ZONE_ENV_ALLOWLIST).toBeUndefined(); // none: the operator's default
    expect(JSON.parse(operatorEnv.ZONE_POD_TEMPLATE)).toMatchObject({
      imagePullSecrets: [{ name: 'registry' }],
      nodeSelector: { pool: 'game' },
      tolerations: [{ key: 'game', operator: 'Exists' }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }],
      priorityClassName: 'game-critical',
      podLabels: { team: 'world' },
    });
  });

  it('redis.cluster=true: REDIS_CLUSTER=1 for the gateway, the operator and (through ZONE_POD_TEMPLATE) the zone pods; seeds in the Secret', () => {
    const seeds = 'redis://redis-0.redis:6379,redis://redis-1.redis:6379';
    const objects = render({ set: { 'redis.url': seeds.replace(',', '\\,'), 'redis.cluster': true } });
    const gatewayEnv = env(find(objects, 'Deployment', '-gateway').spec.template.spec.containers[0]);
    const operatorEnv = env(find(objects, 'Deployment', '-operator').spec.template.spec.containers[0]);
    expect(gatewayEnv.REDIS_CLUSTER).toBe('1');
    expect(operatorEnv.REDIS_CLUSTER).toBe('1');
    expect(JSON.parse(operatorEnv.ZONE_POD_TEMPLATE).env).toContainEqual({ name: 'REDIS_CLUSTER', value: '1' });
    expect(find(objects, 'Secret', '-redis').stringData.url).toBe(seeds);
    // Off by default: no REDIS_CLUSTER anywhere.
    const single = render();
    expect(env(find(single, 'Deployment', '-gateway').spec.template.spec.containers[0]).REDIS_CLUSTER).toBeUndefined();
    expect(JSON.parse(env(find(single, 'Deployment', '-operator').spec.template.spec.containers[0]).ZONE_POD_TEMPLATE).env ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'REDIS_CLUSTER' }),
    );
  });
});

describe('ci/production-values.yaml', () => {
  const objects = render({ values: ['ci/production-values.yaml'], flags: ['--include-crds'] });

  it('renders everything a production install uses', () => {
    expect(new Set(kinds(objects))).toEqual(
      new Set([
        'ClusterRole',
        'ClusterRoleBinding',
        'ConfigMap',
        'CustomResourceDefinition',
        'Deployment',
        'HorizontalPodAutoscaler',
        'Job',
        'NetworkPolicy',
        'Pod',
        'PodDisruptionBudget',
        'PodMonitor',
        'PrometheusRule',
        'Role',
        'RoleBinding',
        'Service',
        'ServiceAccount',
        'ServiceMonitor',
        'ZoneAssignment',
      ]),
    );
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
  });

  it('pulls pinned images from the registry with the pull secret', () => {
    for (const { owner, spec } of podSpecs(objects)) {
      expect({ owner, pullSecrets: spec.imagePullSecrets }).toEqual({ owner, pullSecrets: [{ name: 'registry-credentials' }] });
      for (const container of [...(spec.initContainers ?? []), ...spec.containers])
        expect(container.image).toMatch(/^registry\.example\.com\/games\/aether\/(gateway|operator):0\.1\.0$/);
    }
    const world = find(objects, 'ZoneAssignment');
    expect(world.spec.template.image).toBe('registry.example.com/games/aether/zone:0.1.0');
    expect(world.spec.autoscaling).toEqual({ enabled: true, targetPlayersPerServer: 250, scaleDownStabilizationSeconds: 600 });
  });

  it('exposes the gateway through a LoadBalancer and puts the dashboard in the monitoring namespace', () => {
    expect(find(objects, 'Service', '-gateway').spec.type).toBe('LoadBalancer');
    expect(find(objects, 'ConfigMap', '-dashboard').metadata.namespace).toBe('monitoring');
  });
});

describe('values that cannot work are refused', () => {
  it.each<[string, Parameters<typeof renderError>[0], RegExp]>([
    ['no Redis URL and no existingSecret', { values: [], set: { 'database.url': 'postgresql://h/db' } }, /set redis\.url .* or redis\.existingSecret/],
    ['no database URL and no existingSecret', { values: [], set: { 'redis.url': 'redis://h:6379' } }, /set database\.url .* or database\.existingSecret/],
    ['both a URL and an existingSecret', { set: { 'redis.existingSecret': 'x' } }, /either redis\.url or redis\.existingSecret, not both/],
    ['a Redis URL that is not redis://', { set: { 'redis.url': 'http://h:6379' } }, /redis\/url|redis\.url/],
    ['negative gateway replicas', { set: { 'gateway.replicas': -1 } }, /gateway\/replicas.*minimum/],
    ['negative operator replicas', { set: { 'operator.replicas': -2 } }, /operator\/replicas.*minimum/],
    [
      'HPA minReplicas > maxReplicas',
      { set: { 'gateway.autoscaling.enabled': true, 'gateway.autoscaling.minReplicas': 5, 'gateway.autoscaling.maxReplicas': 3 } },
      /gateway\.autoscaling\.minReplicas \(5\) must be <= gateway\.autoscaling\.maxReplicas \(3\)/,
    ],
    [
      'world replicas outside [min, max]',
      { set: { 'zoneAssignment.servers.replicas': 20 } },
      /zoneAssignment\.servers\.replicas \(20\) must lie within \[minReplicas, maxReplicas\] = \[1, 10\]/,
    ],
    [
      'world minReplicas > maxReplicas',
      { set: { 'zoneAssignment.servers.minReplicas': 5, 'zoneAssignment.servers.maxReplicas': 4, 'zoneAssignment.servers.replicas': 4 } },
      /minReplicas \(5\) must be <= maxReplicas \(4\)/,
    ],
    ['a zone id twice', { set: { 'zoneAssignment.zones[0].id': 'zone-a', 'zoneAssignment.zones[1].id': 'zone-a' } }, /zone id "zone-a" appears twice/],
    [
      'more zones than servers can hold',
      { set: { 'zoneAssignment.servers.maxReplicas': 1, 'zoneAssignment.servers.replicas': 1, 'zoneAssignment.servers.maxZonesPerServer': 2 } },
      /3 zones do not fit/,
    ],
    ['a reserved zone env var', { set: { 'zone.extraEnv[0].name': 'REDIS_URL', 'zone.extraEnv[0].value': 'x' } }, /REDIS_URL is set by the operator/],
    ['jwt without a key', { set: { 'auth.mode': 'jwt' } }, /auth\.mode=jwt needs/],
    [
      'an operator PDB that blocks every eviction',
      { set: { 'operator.pdb.minAvailable': 2 } },
      /operator\.pdb\.minAvailable \(2\) must be less than operator\.replicas \(2\)/,
    ],
    [
      'leader-election timings out of order',
      { set: { 'operator.leaderElection.renewDeadlineSeconds': 20 } },
      /retryPeriodSeconds and renewIntervalSeconds < renewDeadlineSeconds < leaseDurationSeconds/,
    ],
    ['an unknown value (typo)', { set: { 'gateway.replica': 3 } }, /additional properties 'replica' not allowed|replica/],
    ['an unknown auth mode', { set: { 'auth.mode': 'none' } }, /auth\/mode/],
    ['several Redis nodes without redis.cluster', { set: { 'redis.url': 'redis://a:6379\\,redis://b:6379' } }, /set redis\.cluster=true/],
    [
      'a cluster seed on a port the NetworkPolicies do not open',
      { set: { 'redis.url': 'redis://a:6379\\,redis://b:7000', 'redis.cluster': true } },
      /redis\.url uses port 7000/,
    ],
    [
      'redis.cluster in evaluation mode',
      { values: [], set: { 'evaluation.enabled': true, 'redis.cluster': true } },
      /evaluation mode runs one Redis, not a Redis Cluster/,
    ],
  ])('%s', (_name, options, message) => {
    const error = renderError(options);
    expect(error).toMatch(message);
  });
});

describe('metrics the chart points at', () => {
  it('the PodMonitor finds the operator’s zone pods: labels and port of operator/src/reconcile/statefulset.ts', () => {
    const source = readFileSync(`${root}operator/src/reconcile/statefulset.ts`, 'utf8');
    expect(source).toContain("'app.kubernetes.io/name': 'aether-zone'");
    expect(source).toMatch(/name: 'metrics', containerPort/);
  });

  it('every object renders to valid YAML with the production values and a long release name', () => {
    const objects: K8sObject[] = render({ release: 'a-very-long-release-name-for-aether-in-production', values: ['ci/production-values.yaml'] });
    for (const object of objects) expect(object.metadata.name.length).toBeLessThanOrEqual(63);
  });
});
