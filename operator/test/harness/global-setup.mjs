// One control plane (etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler, kwok) and one PostgreSQL for the whole operator suite. The
// CRD is installed from the committed YAML and the operator's RBAC from
// operator/examples/rbac.yaml, bound to the harness's unprivileged
// `aether-operator` user, as the Helm chart will. Each test file then takes its
// own namespace, Redis and database. Jest loads global setup outside its ESM
// loader, so this uses the compiled harness (build first).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureKubectl, OPERATOR_USER, startKubeControlPlane, startPostgresServer, waitFor } from '../../../testing/dist/index.js';

const file = (path) => fileURLToPath(new URL(path, import.meta.url));

export default async function globalSetup() {
  const started = Date.now();
  const [controlPlane, postgres, kubectl] = await Promise.all([
    startKubeControlPlane({ keep: process.env.KEEP_CONTROL_PLANE === '1' }),
    startPostgresServer(),
    ensureKubectl(),
  ]);
  globalThis.__aetherOperatorHarness = { controlPlane, postgres };
  const run = (...args) => promisify(execFile)(kubectl, ['--kubeconfig', controlPlane.kubeconfig, ...args]);
  await run('apply', '--server-side', '-f', file('../../crd/zoneassignments.aether.dev.yaml'));
  await run('wait', '--for=condition=Established', 'crd/zoneassignments.aether.dev', '--timeout=60s');
  // Established is not served yet: the REST handler appears ~2 s later (docs/control-plane.md).
  await waitFor(async () => (await controlPlane.request('GET', '/apis/aether.dev/v1alpha1/zoneassignments')).status === 200, {
    timeoutMs: 30_000,
    intervalMs: 100,
    message: 'zoneassignments to be served',
  });
  await run('create', 'namespace', 'aether');
  await run('apply', '-f', file('../../examples/rbac.yaml'));
  await run('create', 'clusterrolebinding', 'aether-operator-test-user', '--clusterrole=aether-operator', `--user=${OPERATOR_USER}`);
  process.env.TEST_DATABASE_URL = postgres.url;
  process.env.AETHER_TEST_KUBECONFIG = controlPlane.kubeconfig;
  process.env.AETHER_TEST_OPERATOR_KUBECONFIG = controlPlane.operatorKubeconfig;
  process.env.AETHER_TEST_KUBE_SERVER = controlPlane.server;
  process.env.AETHER_TEST_KUBE_TOKEN = controlPlane.token;
  process.env.AETHER_TEST_KUBE_CA = controlPlane.caFile;
  process.env.AETHER_TEST_KUBECTL = kubectl;
  process.stderr.write(
    `\noperator harness: control plane, PostgreSQL, CRD and RBAC ready in ${((Date.now() - started) / 1000).toFixed(1)}s (${controlPlane.workDir})\n`,
  );
}
