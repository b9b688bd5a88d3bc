import { jest } from '@jest/globals';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { io } from 'socket.io-client';
import { parse } from 'yaml';
import {
  createTestDatabase,
  freePort,
  type KubeControlPlane,
  type RedisServer,
  startKubeControlPlane,
  startRedisServer,
  type TestDatabase,
  waitFor,
} from '@aether/testing';
import { JwksServer, makeSigningKey } from '../../../../gateway/test/jwks-server.js';
import { clientParser, PROTOCOL_VERSION } from '../../../../shared/src/wire/index.js';
import { chart, helm, root } from '../helpers.js';

// `helm install` of charts/aether into a real control plane (etcd,
// kube-apiserver, controller-manager, scheduler, kwok: docs/control-plane.md).
// kwok runs no containers: pods turn Running/Ready (Job pods Succeeded) at
// once, so this proves the chart's objects, hooks, ordering and RBAC against a
// real API server, not the services themselves (scripts/images/smoke.mjs starts
// the images). The operator's RBAC is proven by running the real operator
// process with the chart's ServiceAccount token.

jest.setTimeout(300_000);

const NAMESPACE = 'aether';
const RELEASE = 'rel';
const run = promisify(execFile);

describe('helm install into a real API server', () => {
  let controlPlane: KubeControlPlane;
  let redis: RedisServer;
  let kubectl: string;
  let operator: ChildProcess | undefined;
  let operatorLogs = '';

  const k = async (args: string[], input?: string): Promise<string> => {
    const child = run(kubectl, ['--kubeconfig', controlPlane.kubeconfig, ...args], { maxBuffer: 32 * 1024 * 1024 });
    if (input !== undefined) child.child.stdin!.end(input);
    return (await child).stdout;
  };
  const h = async (args: string[]): Promise<string> =>
    (
      await run(helm(), ['--kubeconfig', controlPlane.kubeconfig, ...args], {
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, HOME: controlPlane.workDir },
      })
    ).stdout;
  const get = async (path: string) => (await controlPlane.request('GET', path)).body;
  const install = [
    '--namespace',
    NAMESPACE,
    '--set',
    'redis.url=redis://redis.aether.svc:6379',
    '--set',
    'database.url=postgresql://aether@postgresql.aether.svc:5432/aether',
  ];

  beforeAll(async () => {
    [controlPlane, redis, kubectl] = await Promise.all([
      startKubeControlPlane(),
      startRedisServer(),
      run(join(root, 'scripts/tools/kube-tools.sh'), ['kubectl']).then(({ stdout }) => stdout.trim()),
    ]);
    await controlPlane.createNamespace(NAMESPACE);
    // Long enough for scripts/tools/control-plane.sh to build the binaries on a machine that has none (~10 min).
  }, 20 * 60_000);

  afterAll(async () => {
    if (operator && operator.exitCode === null) {
      operator.kill('SIGTERM');
      await new Promise((resolve) => operator!.once('exit', resolve));
    }
    await Promise.allSettled([controlPlane?.stop(), redis?.stop()]);
  });

  it('installs: CRD first, then the migration hook Job (succeeded), then operator, gateway and the default ZoneAssignment', async () => {
    const started = Date.now();
    await h(['install', RELEASE, chart, ...install, '--wait', '--timeout', '120s']);
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(120);

    const status = JSON.parse(await h(['status', RELEASE, '-n', NAMESPACE, '-o', 'json']));
    expect(status.info.status).toBe('deployed');
    const hooks = (status.hooks ?? []).filter((hook: any) => hook.kind === 'Job');
    expect(hooks.map((hook: any) => [hook.name, hook.last_run?.phase])).toEqual([[`${RELEASE}-aether-migrations`, 'Succeeded']]);

    const crd = await get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/zoneassignments.aether.dev');
    expect(crd.status.conditions.find((c: any) => c.type === 'Established').status).toBe('True');

    for (const name of ['operator', 'gateway']) {
      const deployment = await get(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments/${RELEASE}-aether-${name}`);
      expect({ name, available: deployment.status.availableReplicas }).toEqual({ name, available: 2 });
    }
    const world = await get(`/apis/aether.dev/v1alpha1/namespaces/${NAMESPACE}/zoneassignments/${RELEASE}-aether-world`);
    expect(world.spec.zones).toEqual([
      { id: 'zone-crossroads', weight: 2 },
      { id: 'zone-forest', weight: 1 },
      { id: 'zone-city', weight: 1 },
    ]);
    expect(world.spec.template.image).toBe('aether/zone:0.1.0');
    for (const path of [
      `/api/v1/namespaces/${NAMESPACE}/services/${RELEASE}-aether-gateway`,
      `/api/v1/namespaces/${NAMESPACE}/services/${RELEASE}-aether-gateway-metrics`,
      `/api/v1/namespaces/${NAMESPACE}/services/${RELEASE}-aether-operator-metrics`,
      `/api/v1/namespaces/${NAMESPACE}/secrets/${RELEASE}-aether-redis`,
      `/api/v1/namespaces/${NAMESPACE}/secrets/${RELEASE}-aether-database`,
      `/api/v1/namespaces/${NAMESPACE}/configmaps/${RELEASE}-aether-dashboard`,
      `/apis/policy/v1/namespaces/${NAMESPACE}/poddisruptionbudgets/${RELEASE}-aether-operator`,
      `/apis/policy/v1/namespaces/${NAMESPACE}/poddisruptionbudgets/${RELEASE}-aether-gateway`,
      `/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}/roles/${RELEASE}-aether-operator`,
      // Default-deny NetworkPolicies (on by default; their rules: network-policy.test.ts).
      ...['gateway', 'operator', 'zone', 'migrations', 'test'].map(
        (component) => `/apis/networking.k8s.io/v1/namespaces/${NAMESPACE}/networkpolicies/${RELEASE}-aether-${component}`,
      ),
    ]) {
      expect({ path, status: (await controlPlane.request('GET', path)).status }).toEqual({ path, status: 200 });
    }
    // The hook's Secret and Job are gone after success (hook-delete-policy).
    expect((await controlPlane.request('GET', `/api/v1/namespaces/${NAMESPACE}/secrets/${RELEASE}-aether-migrations`)).status).toBe(404);
  });

  it('gives the operator enough RBAC to lead and run the world, and no more', async () => {
    const sa = `system:serviceaccount:${NAMESPACE}:${RELEASE}-aether-operator`;
    const can = async (...args: string[]) => (await k(['auth', 'can-i', '--as', sa, ...args]).catch((error) => error.stdout)).trim();
    expect(await can('list', 'zoneassignments.aether.dev', '-n', NAMESPACE)).toBe('yes');
    expect(await can('patch', 'zoneassignments.aether.dev', '--subresource=status', '-n', NAMESPACE)).toBe('yes');
    expect(await can('create', 'statefulsets.apps', '-n', NAMESPACE)).toBe('yes');
    expect(await can('create', 'poddisruptionbudgets.policy', '-n', NAMESPACE)).toBe('yes');
    expect(await can('update', 'leases.coordination.k8s.io', '-n', NAMESPACE)).toBe('yes');
    expect(await can('get', 'secrets', '-n', NAMESPACE)).toBe('no');
    expect(await can('delete', 'pods', '-n', NAMESPACE)).toBe('no');
    expect(await can('list', 'zoneassignments.aether.dev', '-n', 'default')).toBe('no');
    expect(await can('delete', 'statefulsets.apps', '-n', NAMESPACE)).toBe('no');

    // The real operator, as the chart's ServiceAccount, with the chart Deployment's environment.
    const token = (await k(['create', 'token', `${RELEASE}-aether-operator`, '-n', NAMESPACE, '--duration', '1h'])).trim();
    const kubeconfig = join(controlPlane.workDir, 'chart-operator.kubeconfig');
    await writeFile(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'test', cluster: { server: controlPlane.server, 'certificate-authority': controlPlane.caFile } }],
        users: [{ name: 'operator', user: { token } }],
        contexts: [{ name: 'test', context: { cluster: 'test', user: 'operator' } }],
        'current-context': 'test',
      }),
    );
    const deployment = await get(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments/${RELEASE}-aether-operator`);
    const chartEnv = Object.fromEntries(
      deployment.spec.template.spec.containers[0].env.filter((entry: any) => entry.value !== undefined).map((entry: any) => [entry.name, entry.value]),
    );
    const port = await freePort();
    operator = spawn(process.execPath, ['operator/dist/main.js'], {
      cwd: root,
      env: {
        ...process.env,
        ...chartEnv,
        KUBECONFIG: kubeconfig,
        POD_NAME: `${RELEASE}-aether-operator-test`,
        POD_NAMESPACE: NAMESPACE,
        REDIS_URL: redis.url,
        METRICS_PORT: String(port),
        LOG_PRETTY: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    operator.stdout!.on('data', (chunk: Buffer) => (operatorLogs = (operatorLogs + chunk.toString()).slice(-100_000)));
    operator.stderr!.on('data', (chunk: Buffer) => (operatorLogs = (operatorLogs + chunk.toString()).slice(-100_000)));

    const statefulSet = await waitFor(
      async () => {
        const response = await controlPlane.request('GET', `/apis/apps/v1/namespaces/${NAMESPACE}/statefulsets/${RELEASE}-aether-world`);
        return response.status === 200 ? response.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, message: `the operator to create the world's StatefulSet\n${operatorLogs.slice(-4000)}` },
    );
    expect(statefulSet.spec.replicas).toBe(2);
    expect(statefulSet.spec.template.spec.containers[0].image).toBe('aether/zone:0.1.0');
    expect(statefulSet.spec.template.spec.containers[0].env).toEqual(
      expect.arrayContaining([{ name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: `${RELEASE}-aether-redis`, key: 'url' } } }]),
    );
    const lease = await get(`/apis/coordination.k8s.io/v1/namespaces/${NAMESPACE}/leases/${RELEASE}-aether-operator`);
    expect(lease.spec.holderIdentity).toBe(`${RELEASE}-aether-operator-test`);
    await waitFor(async () => (await get(`/apis/aether.dev/v1alpha1/namespaces/${NAMESPACE}/zoneassignments/${RELEASE}-aether-world`)).status?.replicas === 2, {
      timeoutMs: 30_000,
      intervalMs: 250,
      message: `status written through zoneassignments/status\n${operatorLogs.slice(-4000)}`,
    });
    const events = (await get(`/api/v1/namespaces/${NAMESPACE}/events`)).items.filter((event: any) => event.involvedObject.kind === 'ZoneAssignment');
    expect(events.map((event: any) => event.reason)).toContain('StatefulSetCreated');
    // The operator's own budget for the zone pods (one evicted at a time).
    expect((await get(`/apis/policy/v1/namespaces/${NAMESPACE}/poddisruptionbudgets/${RELEASE}-aether-world`)).spec.maxUnavailable).toBe(1);
    expect(operatorLogs).not.toMatch(/forbidden/i);
  });

  it('renders objects the API server accepts (server-side dry run), also with every switch on', async () => {
    // Stand-ins for the Prometheus Operator's CRDs (kinds and versions only; their schemas are the Prometheus Operator's).
    for (const [plural, kind] of [
      ['servicemonitors', 'ServiceMonitor'],
      ['podmonitors', 'PodMonitor'],
      ['prometheusrules', 'PrometheusRule'],
    ]) {
      await k(
        ['apply', '-f', '-'],
        JSON.stringify({
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: `${plural}.monitoring.coreos.com` },
          spec: {
            group: 'monitoring.coreos.com',
            scope: 'Namespaced',
            names: { plural, kind, singular: kind.toLowerCase(), listKind: `${kind}List` },
            versions: [
              { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
            ],
          },
        }),
      );
    }
    await waitFor(async () => (await controlPlane.request('GET', `/apis/monitoring.coreos.com/v1/namespaces/${NAMESPACE}/prometheusrules`)).status === 200, {
      timeoutMs: 30_000,
      intervalMs: 200,
      message: 'the monitoring CRDs to be served',
    });
    await controlPlane.createNamespace('aether-prod');
    await controlPlane.createNamespace('monitoring');
    for (const [namespace, values] of [
      [NAMESPACE, install.slice(2)],
      ['aether-prod', ['--values', `${chart}ci/production-values.yaml`]],
      // Evaluation mode with its defaults (PostgreSQL on a volume claim), NetworkPolicies included.
      [NAMESPACE, ['--set', 'evaluation.enabled=true']],
      // A Redis Cluster: seed nodes in the Secret, REDIS_CLUSTER=1 for every process.
      [NAMESPACE, [...install.slice(2), '--set', 'redis.cluster=true', '--set', 'redis.url=redis://redis-0.redis:6379\\,redis://redis-1.redis:6379']],
    ] as const) {
      const manifest = await h(['template', 'dry', chart, '--namespace', namespace, ...values]);
      const applied = await k(['apply', '--dry-run=server', '-f', '-'], manifest);
      expect(applied).toMatch(/created \(server dry run\)/);
      expect(applied).not.toMatch(/error/i);
    }
  });

  it('evaluation mode: installs its own Redis and PostgreSQL with their Secrets, keeps the passwords on upgrade, uninstalls clean', async () => {
    // kwok runs no containers: this proves the objects, their wiring and the release's lifecycle, not that the
    // redis and postgres images start (nothing here can run an image; docs/operations.md, "Evaluation mode").
    const namespace = 'aether-eval';
    const release = 'eval';
    await controlPlane.createNamespace(namespace);
    // Every pod of evaluation mode, Redis and PostgreSQL included, must pass the restricted Pod Security level.
    await k(['label', 'namespace', namespace, 'pod-security.kubernetes.io/enforce=restricted']);
    // (The API server enforces it: a pod with no securityContext is refused.)
    await expect(k(['run', 'unrestricted', '--image=busybox', '-n', namespace, '--dry-run=server'])).rejects.toThrow(/violates PodSecurity "restricted/);
    // emptyDir for PostgreSQL: the test cluster has no storage provisioner, so a claim would stay Pending.
    const values = ['--namespace', namespace, '--set', 'evaluation.enabled=true', '--set', 'evaluation.postgresql.persistence.enabled=false'];
    const notes = await h(['install', release, chart, ...values, '--wait=legacy', '--wait-for-jobs', '--timeout', '120s']);
    expect(notes).toContain('EVALUATION MODE: NOT FOR PRODUCTION');

    const api = (path: string) => get(path.replace('{ns}', `namespaces/${namespace}`));
    for (const name of ['redis', 'postgresql']) {
      const statefulSet = await api(`/apis/apps/v1/{ns}/statefulsets/${release}-aether-${name}`);
      expect({ name, ready: statefulSet.status.readyReplicas }).toEqual({ name, ready: 1 });
      expect((await api(`/api/v1/{ns}/services/${release}-aether-${name}`)).spec.ports[0].port).toBe(name === 'redis' ? 6379 : 5432);
    }
    for (const name of ['gateway', 'operator']) {
      expect({ name, available: (await api(`/apis/apps/v1/{ns}/deployments/${release}-aether-${name}`)).status.availableReplicas }).toEqual({
        name,
        available: 2,
      });
    }
    const job = await api(`/apis/batch/v1/{ns}/jobs/${release}-aether-migrations-1`);
    expect(job.status.succeeded).toBe(1);
    const policies = (await api('/apis/networking.k8s.io/v1/{ns}/networkpolicies')).items.map((policy: any) => policy.metadata.name);
    expect(policies.sort()).toEqual(['gateway', 'migrations', 'operator', 'postgresql', 'redis', 'test', 'zone'].map((name) => `${release}-aether-${name}`));

    const secrets = async () => {
      const read = async (name: string) =>
        Object.fromEntries(
          Object.entries((await api(`/api/v1/{ns}/secrets/${release}-aether-${name}`)).data as Record<string, string>).map(([key, value]) => [
            key,
            Buffer.from(value, 'base64').toString('utf8'),
          ]),
        );
      return { redis: await read('redis'), postgresql: await read('postgresql'), runtime: await read('database'), migrator: await read('database-migrator') };
    };
    const before = await secrets();
    expect(before.redis.url).toBe(`redis://:${before.redis.password}@${release}-aether-redis.${namespace}.svc:6379`);
    expect(before.runtime.url).toContain(`aether_app:${before.postgresql['runtime-password']}@`);
    expect(before.migrator.url).toContain(`aether_migrator:${before.postgresql['migrator-password']}@`);

    // An upgrade must not change the passwords: PostgreSQL's data directory already holds the first ones.
    await h(['upgrade', release, chart, ...values, '--set', 'gateway.replicas=1', '--wait=legacy', '--wait-for-jobs', '--timeout', '120s']);
    expect(await secrets()).toEqual(before);
    expect((await api(`/apis/batch/v1/{ns}/jobs/${release}-aether-migrations-2`)).status.succeeded).toBe(1);
    expect((await controlPlane.request('GET', `/apis/batch/v1/namespaces/${namespace}/jobs/${release}-aether-migrations-1`)).status).toBe(404);

    await h(['uninstall', release, '--namespace', namespace, '--wait', '--timeout', '120s']);
    const left: string[] = [];
    for (const [path, kind] of [
      ['/api/v1/{ns}/secrets', 'Secret'],
      ['/api/v1/{ns}/services', 'Service'],
      ['/apis/apps/v1/{ns}/statefulsets', 'StatefulSet'],
      ['/apis/batch/v1/{ns}/jobs', 'Job'],
      ['/apis/networking.k8s.io/v1/{ns}/networkpolicies', 'NetworkPolicy'],
      ['/api/v1/{ns}/persistentvolumeclaims', 'PersistentVolumeClaim'],
    ] as const) {
      for (const item of (await api(path)).items) left.push(`${kind}/${item.metadata.name}`);
    }
    expect(left).toEqual([]);
  });

  describe('with real login (auth.mode password and jwt): the gateway starts with what the chart gives it', () => {
    // kwok runs no containers, so the gateway process is started here with the
    // environment of the installed Deployment, Secret references resolved from
    // the installed Secrets; only Redis and PostgreSQL point at this test's servers.
    let database: TestDatabase;
    let idp: JwksServer;
    const gateways: ChildProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(process.env.TEST_DATABASE_URL!);
      idp = new JwksServer('https://id.aether.test');
      await idp.start();
    });

    afterEach(async () => {
      for (const gateway of gateways.splice(0)) {
        if (gateway.exitCode !== null) continue;
        const exited = new Promise((resolve) => gateway.once('exit', resolve));
        gateway.kill('SIGTERM');
        await exited;
      }
    });

    afterAll(async () => {
      await Promise.allSettled([database?.drop(), idp?.stop()]);
    });

    /** The Deployment's container env as the kubelet would resolve it: values, Secret keys, the pod name. */
    async function resolvedEnv(namespace: string, deployment: string): Promise<Record<string, string>> {
      const container = (await get(`/apis/apps/v1/namespaces/${namespace}/deployments/${deployment}`)).spec.template.spec.containers[0];
      const resolved: Record<string, string> = {};
      for (const entry of container.env) {
        if (entry.value !== undefined) resolved[entry.name] = entry.value;
        else if (entry.valueFrom?.secretKeyRef) {
          const { name, key } = entry.valueFrom.secretKeyRef;
          const secret = await get(`/api/v1/namespaces/${namespace}/secrets/${name}`);
          expect({ env: entry.name, secret: name, key, present: secret.data?.[key] !== undefined }).toEqual({
            env: entry.name,
            secret: name,
            key,
            present: true,
          });
          resolved[entry.name] = Buffer.from(secret.data[key], 'base64').toString('utf8');
        } else if (entry.valueFrom?.fieldRef?.fieldPath === 'metadata.name') resolved[entry.name] = `${deployment}-7d9f8-test`;
        else throw new Error(`cannot resolve env ${entry.name}: ${JSON.stringify(entry.valueFrom)}`);
      }
      return resolved;
    }

    /** Starts gateway/dist/gateway-main.js as the pod would; resolves with its URL once /health answers and it is still up a while later. */
    async function runGateway(env: Record<string, string>): Promise<{ url: string; logs: () => string; process: ChildProcess }> {
      const [port, opsPort] = [await freePort(), await freePort()];
      let logs = '';
      // Ports are this machine's to choose (several gateways run here at once); the rest is the chart's.
      const child = spawn(process.execPath, ['gateway/dist/gateway-main.js'], {
        cwd: root,
        env: {
          PATH: process.env.PATH!,
          HOME: process.env.HOME ?? '/tmp',
          ...env,
          REDIS_URL: redis.url,
          DATABASE_URL: database.url,
          GATEWAY_PORT: String(port),
          METRICS_PORT: String(opsPort),
          LOG_PRETTY: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      gateways.push(child);
      child.stdout!.on('data', (chunk: Buffer) => (logs += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (logs += chunk.toString()));
      const url = `http://127.0.0.1:${port}`;
      const health = async () =>
        (
          await fetch(`${url}/health`)
            .then((r) => r.json())
            .catch(() => null)
        )?.status === 'ok';
      await waitFor(async () => child.exitCode === null && (await health()), {
        timeoutMs: 30_000,
        intervalMs: 250,
        message: `the gateway to answer /health (exit ${child.exitCode})\n${logs.slice(-3000)}`,
      });
      // Not a crash loop: still running and healthy a few seconds on.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect({ exitCode: child.exitCode, healthy: await health() }).toEqual({ exitCode: null, healthy: true });
      return { url, logs: () => logs, process: child };
    }

    async function handshake(url: string, token: string): Promise<string> {
      const socket = io(url, {
        auth: { token, protocol: PROTOCOL_VERSION },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        parser: clientParser,
      });
      try {
        return await new Promise<string>((resolve) => {
          socket.once('connect', () => resolve('connected'));
          socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? error.message));
        });
      } finally {
        socket.close();
      }
    }

    const installWith = async (release: string, namespace: string, values: string[]) => {
      await controlPlane.createNamespace(namespace);
      // No world here (the operator under test watches the first namespace only); --wait=legacy waits for the Deployments.
      await h([
        'install',
        release,
        chart,
        '--namespace',
        namespace,
        ...install.slice(2),
        '--set',
        'zoneAssignment.enabled=false',
        ...values,
        '--wait=legacy',
        '--timeout',
        '120s',
      ]);
    };

    it('auth.mode=dev (the default, ClusterIP): the chart gives the opt-in, so the gateway starts and takes dev tokens', async () => {
      await installWith('devmode', 'aether-dev', []);
      const env = await resolvedEnv('aether-dev', 'devmode-aether-gateway');
      expect(env).toMatchObject({ AUTH_MODE: 'dev', ALLOW_DEV_LOGIN: '1' });
      const gateway = await runGateway(env);
      expect(await handshake(gateway.url, 'dev:helm-dev')).toBe('connected');
    });

    // (ClusterIP: with no cloud controller a LoadBalancer never gets its address, and --wait would wait for it; auth.test.ts renders password mode behind one.)
    it('auth.mode=password: the token secret comes from the chart’s Secret and players can register and connect', async () => {
      const namespace = 'aether-password';
      await installWith('pw', namespace, ['--set', 'auth.mode=password', '--set', 'auth.password.tokenSecret=chart-install-test-secret-0123456789abcdef']);
      const env = await resolvedEnv(namespace, 'pw-aether-gateway');
      expect(env).toMatchObject({ AUTH_MODE: 'password', AUTH_TOKEN_SECRET: 'chart-install-test-secret-0123456789abcdef' });
      expect(env.ALLOW_DEV_LOGIN).toBeUndefined();
      const gateway = await runGateway(env);
      const registered = await fetch(`${gateway.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'helm-player', password: 'installed with helm' }),
      }).then((response) => response.json());
      expect(await handshake(gateway.url, registered.accessToken)).toBe('connected');
      expect(await handshake(gateway.url, 'dev:helm-player')).toBe('unauthorized');
      expect(gateway.logs()).not.toContain('chart-install-test-secret');
    });

    it('auth.mode=jwt: issuer, audience and JWKS URL from the values; the provider’s tokens connect, others do not', async () => {
      const namespace = 'aether-jwt';
      const key = await makeSigningKey('helm-key');
      idp.keys = [key];
      await installWith('oidc', namespace, [
        '--set',
        `auth.mode=jwt`,
        '--set',
        `auth.jwt.issuer=${idp.issuer}`,
        '--set',
        'auth.jwt.audience=aether-game',
        '--set',
        `auth.jwt.jwksUrl=${idp.url}`,
      ]);
      const env = await resolvedEnv(namespace, 'oidc-aether-gateway');
      expect(env).toMatchObject({ AUTH_MODE: 'jwt', AUTH_JWT_ISSUER: idp.issuer, AUTH_JWT_AUDIENCE: 'aether-game', AUTH_JWT_JWKS_URL: idp.url });
      const gateway = await runGateway(env);
      expect(await handshake(gateway.url, await idp.sign(key, { sub: 'helm-subject' }))).toBe('connected');
      expect(await handshake(gateway.url, await idp.sign(key, { sub: 'helm-subject' }, { audience: 'someone-else' }))).toBe('unauthorized');
    });

    it('the chart’s production values render a gateway environment that starts (jwt with a JWKS)', async () => {
      const manifest = await h([
        'template',
        'prod',
        chart,
        '--namespace',
        'aether-prod',
        '--values',
        `${chart}ci/production-values.yaml`,
        '--show-only',
        'templates/gateway/deployment.yaml',
      ]);
      const container = parse(manifest).spec.template.spec.containers[0];
      const env = Object.fromEntries(container.env.filter((entry: any) => entry.value !== undefined).map((entry: any) => [entry.name, entry.value]));
      expect(env).toMatchObject({
        AUTH_MODE: 'jwt',
        AUTH_JWT_ISSUER: expect.stringMatching(/^https:/),
        AUTH_JWT_AUDIENCE: 'aether',
        AUTH_JWT_JWKS_URL: expect.stringMatching(/^https:/),
      });
      // The provider is example.com: point the URL at this test's JWKS, keep everything else as rendered.
      const gateway = await runGateway({ ...env, AUTH_JWT_JWKS_URL: idp.url });
      expect(gateway.process.exitCode).toBeNull();
    });
  });

  it('upgrades: the pre-upgrade migration runs again and changes roll out', async () => {
    // --wait=legacy: Deployments, not the ZoneAssignment. Helm 4's default watcher would also wait for the
    // world to be Ready (every zone simulated), and kwok's pods run no zone servers (docs/operations.md).
    await h([
      'upgrade',
      RELEASE,
      chart,
      ...install,
      '--set',
      'gateway.replicas=3',
      '--set',
      'zoneAssignment.servers.replicas=3',
      '--wait=legacy',
      '--timeout',
      '120s',
    ]);
    const status = JSON.parse(await h(['status', RELEASE, '-n', NAMESPACE, '-o', 'json']));
    expect(status.version).toBe(2);
    expect(status.hooks.filter((hook: any) => hook.kind === 'Job').map((hook: any) => hook.last_run?.phase)).toEqual(['Succeeded']);
    expect((await get(`/apis/apps/v1/namespaces/${NAMESPACE}/deployments/${RELEASE}-aether-gateway`)).status.availableReplicas).toBe(3);
    await waitFor(async () => (await get(`/apis/apps/v1/namespaces/${NAMESPACE}/statefulsets/${RELEASE}-aether-world`)).spec.replicas === 3, {
      timeoutMs: 30_000,
      intervalMs: 250,
      message: `the operator to scale the world to 3\n${operatorLogs.slice(-3000)}`,
    });
  });

  it('uninstalls, leaving only what docs/operations.md says it leaves: the CRD, the operator’s Lease and Events', async () => {
    // The operator goes first, as its Deployment would.
    if (operator && operator.exitCode === null) {
      operator.kill('SIGTERM');
      await new Promise((resolve) => operator!.once('exit', resolve));
    }
    await h(['uninstall', RELEASE, '--namespace', NAMESPACE, '--wait', '--timeout', '120s']);

    // The ZoneAssignment's StatefulSet (and so its pods) follow through the garbage collector.
    await waitFor(
      async () => (await controlPlane.request('GET', `/apis/apps/v1/namespaces/${NAMESPACE}/statefulsets/${RELEASE}-aether-world`)).status === 404,
      {
        timeoutMs: 60_000,
        intervalMs: 250,
        message: 'the StatefulSet to be garbage-collected',
      },
    );
    await waitFor(async () => (await get(`/api/v1/namespaces/${NAMESPACE}/pods`)).items.length === 0, {
      timeoutMs: 60_000,
      intervalMs: 250,
      message: 'no pods left',
    });

    const left: string[] = [];
    for (const [path, kind] of [
      [`/api/v1/namespaces/${NAMESPACE}/secrets`, 'Secret'],
      [`/api/v1/namespaces/${NAMESPACE}/configmaps`, 'ConfigMap'],
      [`/api/v1/namespaces/${NAMESPACE}/services`, 'Service'],
      [`/api/v1/namespaces/${NAMESPACE}/serviceaccounts`, 'ServiceAccount'],
      [`/apis/apps/v1/namespaces/${NAMESPACE}/deployments`, 'Deployment'],
      [`/apis/apps/v1/namespaces/${NAMESPACE}/statefulsets`, 'StatefulSet'],
      [`/apis/batch/v1/namespaces/${NAMESPACE}/jobs`, 'Job'],
      [`/apis/policy/v1/namespaces/${NAMESPACE}/poddisruptionbudgets`, 'PodDisruptionBudget'],
      [`/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}/roles`, 'Role'],
      [`/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}/rolebindings`, 'RoleBinding'],
      [`/apis/networking.k8s.io/v1/namespaces/${NAMESPACE}/networkpolicies`, 'NetworkPolicy'],
      [`/apis/aether.dev/v1alpha1/namespaces/${NAMESPACE}/zoneassignments`, 'ZoneAssignment'],
      [`/apis/coordination.k8s.io/v1/namespaces/${NAMESPACE}/leases`, 'Lease'],
    ] as const) {
      for (const item of (await get(path)).items) left.push(`${kind}/${item.metadata.name}`);
    }
    // kube-root-ca.crt and the default ServiceAccount belong to the namespace, not the release.
    expect(left.filter((name) => !['ConfigMap/kube-root-ca.crt', 'ServiceAccount/default'].includes(name)).sort()).toEqual([
      `Lease/${RELEASE}-aether-operator`,
    ]);
    expect((await controlPlane.request('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/zoneassignments.aether.dev')).status).toBe(200);
    const clusterWide = (await get('/apis/rbac.authorization.k8s.io/v1/clusterroles')).items.filter(
      (role: any) => role.metadata.labels?.['app.kubernetes.io/instance'] === RELEASE,
    );
    expect(clusterWide).toEqual([]);
  });
});
