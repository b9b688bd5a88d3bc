import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '@aether/shared/process';
import { waitFor } from '../wait-for.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A throw-away Kubernetes control plane for tests: etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler and kwok (fake nodes that make pods
 * Running), on free loopback ports in a temp folder. The start-up recipe is
 * test/control-plane/smoke.sh (see docs/control-plane.md); this is its
 * TypeScript form, so Jest can own the processes.
 *
 * No client library here on purpose: this file is loaded by Jest's global
 * setup and must not pull in @kubernetes/client-node (only operator/src/k8s/
 * may), so it talks HTTPS to the API server directly.
 */
export interface KubeControlPlane {
  /** https://127.0.0.1:<port> */
  server: string;
  /** Admin kubeconfig (system:masters, bearer token). */
  kubeconfig: string;
  /** Kubeconfig of user `aether-operator`, in no group: it can do only what RBAC bound to that user allows. */
  operatorKubeconfig: string;
  /** The API server's serving certificate (self-signed CA). */
  caFile: string;
  token: string;
  workDir: string;
  /** Admin request to the API server; resolves with status and parsed JSON body. */
  request(method: string, path: string, body?: unknown, contentType?: string): Promise<KubeResponse>;
  /** Creates a namespace and waits for its default ServiceAccount (pods need it). */
  createNamespace(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface KubeResponse {
  status: number;
  body: any;
}

export interface StartControlPlaneOptions {
  /** Folder with etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok; default: scripts/tools/control-plane.sh. */
  assetsDir?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Keep the work folder after stop (logs, certificates). */
  keep?: boolean;
}

interface Proc {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
}

const NODE_NAME = 'kwok-node-0';
/** The unprivileged identity tests run the operator as, to prove its RBAC (operator/examples/rbac.yaml) is enough. */
export const OPERATOR_USER = 'aether-operator';

/** Runs scripts/tools/control-plane.sh (honours KUBEBUILDER_ASSETS, builds into a cache otherwise) and returns its folder. */
export async function controlPlaneAssets(): Promise<string> {
  const { stdout } = await promisify(execFile)(join(root, 'scripts/tools/control-plane.sh'), [], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
    // A cold build takes tens of minutes; a cached one answers at once.
    timeout: 90 * 60_000,
  });
  const lines = stdout.trim().split('\n');
  const dir = lines[lines.length - 1]?.trim();
  if (!dir) throw new Error('scripts/tools/control-plane.sh printed no folder');
  return dir;
}

export async function startKubeControlPlane(options: StartControlPlaneOptions = {}): Promise<KubeControlPlane> {
  const log = options.log ?? (() => {});
  const assets = options.assetsDir ?? (await controlPlaneAssets());
  const work = await mkdtemp(join(tmpdir(), 'aether-kube-'));
  const procs: Proc[] = [];
  const started = Date.now();
  const step = (what: string) => log(`[${((Date.now() - started) / 1000).toFixed(2)}s] ${what}`);
  let stopped = false;

  const start = (name: string, args: string[], env: NodeJS.ProcessEnv = process.env): Proc => {
    const out = createWriteStream(join(work, `${name}.log`));
    const child = spawn(join(assets, name), args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    procs.push({ name, child, exited });
    return { name, child, exited };
  };
  // An aborted run must not leave a control plane behind holding ports.
  const killAll = () => {
    for (const proc of procs) proc.child.kill('SIGKILL');
  };
  process.on('exit', killAll);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Reverse start order: clients first, kube-apiserver, etcd last.
    for (const proc of [...procs].reverse()) {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) continue;
      proc.child.kill('SIGTERM');
      const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
      await proc.exited;
      clearTimeout(timer);
    }
    process.off('exit', killAll);
    if (!options.keep) await rm(work, { recursive: true, force: true });
  };

  try {
    const [etcdClient, etcdPeer, apiPort, kcmPort, schedulerPort] = (await distinctFreePorts(5)) as [number, number, number, number, number];
    step(`work dir ${work}`);

    // ── credentials: service-account signing keys and static bearer tokens ──
    await mkdir(join(work, 'pki'));
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(join(work, 'pki/sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(join(work, 'pki/sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
    const token = () => randomBytes(24).toString('hex');
    const tokens = { admin: token(), kcm: token(), scheduler: token(), kwok: token(), operator: token() };
    // kube-controller-manager in system:masters without per-controller credentials starts in ~0.5 s instead of ~4.5 s (smoke.sh).
    await writeFile(
      join(work, 'pki/tokens.csv'),
      `${[
        `${tokens.admin},aether-admin,uid-admin,"system:masters"`,
        `${tokens.kcm},system:kube-controller-manager,uid-kcm,"system:masters"`,
        `${tokens.scheduler},system:kube-scheduler,uid-scheduler`,
        `${tokens.kwok},kwok-controller,uid-kwok,"system:masters"`,
        `${tokens.operator},${OPERATOR_USER},uid-operator`,
      ].join('\n')}\n`,
    );

    // ── etcd ──
    start('etcd', [
      '--name=default',
      `--data-dir=${join(work, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
      '--initial-cluster-state=new',
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ]);
    await waitFor(async () => ((await (await fetch(`http://127.0.0.1:${etcdClient}/health`)).json()) as { health?: string }).health === 'true', {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'etcd /health',
    });
    step('etcd ready');

    // ── kube-apiserver ──
    start('kube-apiserver', [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      '--endpoint-reconciler-type=none',
      `--secure-port=${apiPort}`,
      `--cert-dir=${join(work, 'apiserver-certs')}`,
      `--token-auth-file=${join(work, 'pki/tokens.csv')}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${join(work, 'pki/sa.pub')}`,
      `--service-account-signing-key-file=${join(work, 'pki/sa.key')}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      '--allow-privileged=true',
    ]);
    const server = `https://127.0.0.1:${apiPort}`;
    // The self-signed serving certificate (followed by its CA) is written at start-up.
    const caFile = join(work, 'apiserver-certs/apiserver.crt');
    let ca: Buffer | undefined;
    const call = (method: string, path: string, body?: unknown, contentType = 'application/json') =>
      httpsJson(server, ca!, tokens.admin, method, path, body, contentType);
    await waitFor(
      async () => {
        if (!(await exists(caFile))) return false;
        ca ??= await readFile(caFile);
        const ready = await call('GET', '/readyz');
        return ready.status === 200;
      },
      { timeoutMs: 90_000, intervalMs: 200, message: 'kube-apiserver /readyz' },
    );
    step('kube-apiserver ready');

    const kubeconfig = (user: string, tokenValue: string) => `apiVersion: v1
kind: Config
clusters:
- name: aether-test
  cluster:
    server: ${server}
    certificate-authority: ${caFile}
users:
- name: ${user}
  user:
    token: ${tokenValue}
contexts:
- name: aether-test
  context:
    cluster: aether-test
    user: ${user}
current-context: aether-test
`;
    const adminKubeconfig = join(work, 'admin.kubeconfig');
    await writeFile(adminKubeconfig, kubeconfig('aether-admin', tokens.admin));
    await writeFile(join(work, 'kcm.kubeconfig'), kubeconfig('system:kube-controller-manager', tokens.kcm));
    await writeFile(join(work, 'scheduler.kubeconfig'), kubeconfig('system:kube-scheduler', tokens.scheduler));
    await writeFile(join(work, 'kwok.kubeconfig'), kubeconfig('kwok-controller', tokens.kwok));
    const operatorKubeconfig = join(work, 'operator.kubeconfig');
    await writeFile(operatorKubeconfig, kubeconfig(OPERATOR_USER, tokens.operator));

    // ── controllers: their own HTTPS ports serve only the always-allowed health paths ──
    start('kube-controller-manager', [
      `--kubeconfig=${join(work, 'kcm.kubeconfig')}`,
      '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
      '--bind-address=127.0.0.1',
      `--secure-port=${kcmPort}`,
      `--cert-dir=${join(work, 'kcm-certs')}`,
      '--leader-elect=false',
      '--use-service-account-credentials=false',
      `--root-ca-file=${caFile}`,
      `--service-account-private-key-file=${join(work, 'pki/sa.key')}`,
      '--service-cluster-ip-range=10.96.0.0/16',
    ]);
    start('kube-scheduler', [
      `--kubeconfig=${join(work, 'scheduler.kubeconfig')}`,
      '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
      '--bind-address=127.0.0.1',
      `--secure-port=${schedulerPort}`,
      `--cert-dir=${join(work, 'scheduler-certs')}`,
      '--leader-elect=false',
    ]);
    // kwok also reads ~/.kwok/kwok.yaml; HOME = work dir keeps a developer's own config out.
    start(
      'kwok',
      [
        `--config=${join(root, 'test/control-plane/kwok/stages.yaml')}`,
        `--kubeconfig=${join(work, 'kwok.kubeconfig')}`,
        '--manage-all-nodes=false',
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        '--node-lease-duration-seconds=40',
        '--cidr=10.244.0.0/16',
        '--node-ip=10.244.255.254',
      ],
      { ...process.env, HOME: work },
    );
    const healthy = async (port: number, path: string) => {
      const response = await httpsJson(`https://127.0.0.1:${port}`, undefined, undefined, 'GET', path).catch(() => null);
      return response?.status === 200;
    };
    await waitFor(() => healthy(kcmPort, '/healthz'), { timeoutMs: 60_000, intervalMs: 200, message: 'kube-controller-manager /healthz' });
    await waitFor(() => healthy(schedulerPort, '/readyz'), { timeoutMs: 60_000, intervalMs: 200, message: 'kube-scheduler /readyz' });
    step('kube-controller-manager and kube-scheduler ready');

    const createNamespace = async (name: string) => {
      const created = await call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      if (created.status !== 201 && created.status !== 409) throw new Error(`create namespace ${name}: ${created.status} ${JSON.stringify(created.body)}`);
      await waitFor(async () => (await call('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`)).status === 200, {
        timeoutMs: 60_000,
        intervalMs: 100,
        message: `default ServiceAccount in ${name}`,
      });
    };
    await createNamespace('default');

    // ── one fake node, managed by kwok (no taint: zone pods need no toleration) ──
    const node = await call('POST', '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: NODE_NAME,
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kwok.x-k8s.io/node': 'fake' },
        labels: { 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
      },
    });
    if (node.status !== 201) throw new Error(`create node: ${node.status} ${JSON.stringify(node.body)}`);
    await waitFor(
      async () => {
        const { body } = await call('GET', `/api/v1/nodes/${NODE_NAME}`);
        return (body?.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
      },
      { timeoutMs: 60_000, intervalMs: 100, message: `node ${NODE_NAME} Ready` },
    );
    step(`node ${NODE_NAME} Ready`);

    return { server, kubeconfig: adminKubeconfig, operatorKubeconfig, caFile, token: tokens.admin, workDir: work, request: call, createNamespace, stop };
  } catch (error) {
    const logs = await Promise.all(
      procs.map(async (proc) => `── ${proc.name} ──\n${(await readFile(join(work, `${proc.name}.log`), 'utf8').catch(() => '')).slice(-3000)}`),
    );
    options.keep = true;
    await stop();
    throw new Error(`the test control plane did not come up (kept ${work}):\n${logs.join('\n')}`, { cause: error });
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.size > 0,
    () => false,
  );
}

/** One JSON request over HTTPS with a pinned CA (or none, for the components' self-signed health ports). */
export function httpsJson(
  server: string,
  ca: Buffer | undefined,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<KubeResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(
      new URL(path, server),
      {
        method,
        ...(ca ? { ca } : { rejectUnauthorized: false }),
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) }),
        },
        timeout: 10_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // plain text (e.g. /readyz answers "ok")
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
