// One control plane (etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler, kwok) and one PostgreSQL for the whole operator suite; the
// CRD is installed from the committed YAML, as the Helm chart will. Each test
// file then takes its own namespace, Redis and database. Jest loads global
// setup outside its ESM loader, so this uses the compiled harness (build first).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startPostgresServer } from '../../../shared/dist/testing/index.js';
import { ensureKubectl, startKubeControlPlane } from '../../dist/testing/index.js';

const crd = fileURLToPath(new URL('../../crd/zoneassignments.aether.dev.yaml', import.meta.url));

export default async function globalSetup() {
  const started = Date.now();
  const [controlPlane, postgres, kubectl] = await Promise.all([
    startKubeControlPlane({ keep: process.env.KEEP_CONTROL_PLANE === '1' }),
    startPostgresServer(),
    ensureKubectl(),
  ]);
  globalThis.__aetherOperatorHarness = { controlPlane, postgres };
  const run = (...args) => promisify(execFile)(kubectl, ['--kubeconfig', controlPlane.kubeconfig, ...args]);
  await run('apply', '--server-side', '-f', crd);
  await run('wait', '--for=condition=Established', 'crd/zoneassignments.aether.dev', '--timeout=60s');
  process.env.TEST_DATABASE_URL = postgres.url;
  process.env.AETHER_TEST_KUBECONFIG = controlPlane.kubeconfig;
  process.env.AETHER_TEST_KUBE_SERVER = controlPlane.server;
  process.env.AETHER_TEST_KUBE_TOKEN = controlPlane.token;
  process.env.AETHER_TEST_KUBE_CA = controlPlane.caFile;
  process.env.AETHER_TEST_KUBECTL = kubectl;
  process.stderr.write(`\noperator harness: control plane, PostgreSQL and CRD ready in ${((Date.now() - started) / 1000).toFixed(1)}s (${controlPlane.workDir})\n`);
}
