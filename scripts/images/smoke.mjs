#!/usr/bin/env node
// Starts each built image the way the Helm chart runs it and checks that it
// works: non-root, read-only root filesystem, only /tmp writable (see run.sh).
//
//   node scripts/images/smoke.mjs [gateway] [zone] [operator]     (default: all; needs root and `make build`)
//
//   migration Job  gateway image, `node scripts/db/migrate.mjs` then `seed.mjs`, on an empty PostgreSQL
//   gateway        /health answers ok, /api/zones (ops port) lists the seed world, /metrics (ops port) has aether_gateway_*
//   zone           /health on METRICS_PORT lists its zones, /metrics has aether_zone_tick_duration_seconds
//   operator       against a real kube-apiserver (test control plane, docs/control-plane.md) with the CRD:
//                  becomes leader, /metrics has aether_operator_leader 1
// plus, for each service: the image's own HEALTHCHECK command run inside the
// container exits 0, and SIGTERM stops the process cleanly (exit 0).
//
// Redis and PostgreSQL are private servers on free ports (@aether/testing),
// never the machine's own. Images: $IMAGE_REPO/<service>:$IMAGE_TAG
// (default localhost/aether/<service>:dev).
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const repo = process.env.IMAGE_REPO ?? 'localhost/aether';
const tag = process.env.IMAGE_TAG ?? 'dev';
// The gateway refuses to start in dev login without ALLOW_DEV_LOGIN=1; the images run password login as a cluster would.
const SMOKE_AUTH = { AUTH_MODE: 'password', AUTH_TOKEN_SECRET: 'smoke-test-token-secret-not-a-real-one-0123456789' };
const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['gateway', 'zone', 'operator'];
const image = (service) => `${repo}/${service}:${tag}`;
const ZONES = ['zone-city', 'zone-crossroads', 'zone-forest'];

const { startRedisServer, startPostgresServer, freePort, waitFor } = await import(join(root, 'testing/dist/index.js')).catch((error) => {
  throw new Error('testing/dist is missing: run `make build` first', { cause: error });
});

const started = Date.now();
const say = (line) => process.stderr.write(`[smoke ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}\n`);
const results = [];
const cleanups = [];

function bah(...args) {
  const cache = process.env.AETHER_CACHE_DIR ?? join(process.env.HOME ?? '/root', '.cache/aether');
  return run('buildah', ['--root', join(cache, 'images/storage'), '--runroot', join(cache, 'images/run'), '--storage-driver', 'vfs', ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function imageConfig(name) {
  const { stdout } = await bah('inspect', '--type', 'image', name);
  const info = JSON.parse(stdout);
  return { env: info.OCIv1?.config?.Env ?? [], user: info.OCIv1?.config?.User ?? '', healthcheck: info.Docker?.config?.Healthcheck?.Test ?? [] };
}

/** One container: scripts/images/run.sh in the background. */
async function startContainer(name, { env = {}, volumes = [], command = [] } = {}) {
  const work = await mkdtemp(join(tmpdir(), 'aether-smoke-'));
  const pidFile = join(work, 'pid');
  const args = [];
  for (const [key, value] of Object.entries(env)) args.push('-e', `${key}=${value}`);
  for (const volume of volumes) args.push('-v', volume);
  const child = spawn(join(root, 'scripts/images/run.sh'), [...args, '--pid-file', pidFile, '--reuse', name, ...command], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => (output = (output + chunk.toString('utf8')).slice(-100_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
    child.once('error', (error) => {
      output += `\n${error.message}`;
      resolve(-1);
    });
  });
  const config = await imageConfig(name);
  const container = {
    logs: () => output,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    /** Like `docker exec`: the command inside the container's namespaces and root, as its user. */
    async exec(argv) {
      const pid = (await readFile(pidFile, 'utf8')).trim();
      const [uid, gid = uid] = (config.user || '0').split(':');
      const envs = [...config.env, ...Object.entries(env).map(([key, value]) => `${key}=${value}`)];
      try {
        const { stdout } = await run('nsenter', ['-t', pid, '-m', '-p', '-r', '-w', '-S', uid, '-G', gid, '--', '/usr/bin/env', '-i', ...envs, ...argv], {
          timeout: 30_000,
        });
        return { code: 0, stdout };
      } catch (error) {
        return { code: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
      }
    },
    async healthcheck() {
      const [kind, ...argv] = config.healthcheck;
      if (kind !== 'CMD') throw new Error(`${name}: HEALTHCHECK is ${JSON.stringify(config.healthcheck)}, expected CMD [...]`);
      return container.exec(argv);
    },
    /** SIGTERM (what the kubelet sends), then the exit status within 20 s. */
    async stop() {
      if (!container.running()) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const status = await exited;
      clearTimeout(timer);
      await rm(work, { recursive: true, force: true });
      return status;
    },
  };
  cleanups.push(() => container.stop());
  return container;
}

/** The chart's test pod, rendered by helm (scripts/tools/kube-tools.sh) with the chart's CI values. */
async function helmTestPod() {
  const { stdout: helm } = await run(join(root, 'scripts/tools/kube-tools.sh'), ['helm']);
  const { stdout } = await run(helm.trim(), [
    'template',
    'smoke',
    join(root, 'charts/aether'),
    '--values',
    join(root, 'charts/aether/ci/minimal-values.yaml'),
    '--show-only',
    'templates/tests/gateway.yaml',
  ]);
  const { parse } = await import('yaml');
  return parse(stdout);
}

async function getText(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return response.text();
}

/** Runs one check; records and prints its result; a failure is reported with the container's log. */
async function check(service, what, body) {
  const t0 = Date.now();
  try {
    const detail = await body();
    results.push({ service, what, ok: true, seconds: (Date.now() - t0) / 1000, detail });
    say(`ok   ${service}: ${what}${detail ? ` (${detail})` : ''} [${((Date.now() - t0) / 1000).toFixed(1)}s]`);
  } catch (error) {
    results.push({ service, what, ok: false, seconds: (Date.now() - t0) / 1000, detail: error.message });
    say(`FAIL ${service}: ${what}: ${error.message}`);
    if (error.logs) process.stderr.write(`──── ${service} log (tail) ────\n${error.logs.slice(-4000)}\n`);
  }
}

function failWithLogs(container, message, cause) {
  const error = new Error(`${message}${cause ? `: ${cause.message}` : ''}`);
  error.logs = container.logs();
  return error;
}

async function serviceChecks(service, container, { healthUrl, metricsUrl, metricName, ready }) {
  await check(service, `answers ${healthUrl}`, async () => {
    let last;
    try {
      await waitFor(
        async () => {
          if (!container.running()) throw failWithLogs(container, 'the process exited');
          last = await getText(healthUrl).catch((error) => error.message);
          return ready(last);
        },
        { timeoutMs: 60_000, intervalMs: 250, message: `${service} to be ready` },
      );
    } catch (error) {
      throw error.logs ? error : failWithLogs(container, `not ready (last answer: ${last})`, error);
    }
    const shown = healthUrl.endsWith('/metrics')
      ? (last.split('\n').find((line) => line.startsWith(metricName.replace(/_reconcile.*/, '_leader'))) ?? '')
      : last;
    return shown.length > 160 ? `${shown.slice(0, 160)}…` : shown;
  });
  await check(service, `serves ${metricName} on /metrics`, async () => {
    const text = await getText(metricsUrl);
    if (!text.includes(metricName)) throw failWithLogs(container, `/metrics lacks ${metricName}`);
    return `${text.split('\n').filter((line) => line.startsWith('aether_')).length} aether_ samples`;
  });
  await check(service, 'HEALTHCHECK command exits 0 inside the container', async () => {
    const result = await container.healthcheck();
    if (result.code !== 0) throw failWithLogs(container, `exit ${result.code} ${result.stderr ?? ''}`);
  });
  await check(service, 'read-only root filesystem: writes outside /tmp fail', async () => {
    const result = await container.exec([
      'node',
      '-e',
      "try{require('fs').writeFileSync('/app/x','x');process.exit(1)}catch(e){require('fs').writeFileSync('/tmp/x','x');console.log(e.code)}",
    ]);
    if (result.code !== 0 || !result.stdout.includes('EROFS'))
      throw new Error(`expected EROFS for /app and a writable /tmp, got exit ${result.code} ${result.stdout}`);
    return 'EROFS';
  });
  await check(service, 'runs as a non-root user', async () => {
    const result = await container.exec(['node', '-e', 'console.log(process.getuid())']);
    if (result.stdout.trim() === '0' || result.code !== 0) throw new Error(`uid ${result.stdout.trim()}`);
    return `uid ${result.stdout.trim()}`;
  });
  await check(service, 'SIGTERM stops it cleanly (exit 0)', async () => {
    const status = await container.stop();
    if (status !== 0) throw failWithLogs(container, `exit status ${status}`);
  });
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error('needs root (run.sh uses mount namespaces and chroot)');
  for (const service of wanted)
    await imageConfig(image(service)).catch(() => {
      throw new Error(`no image ${image(service)}: run scripts/images/build.sh first`);
    });
  const [redis, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
  cleanups.push(
    () => redis.stop(),
    () => postgres.stop(),
  );
  const databaseUrl = postgres.url.replace(/\/postgres$/, '/aether');
  say(`redis ${redis.url}, postgresql ${databaseUrl}`);

  if (wanted.includes('gateway') || wanted.includes('zone')) {
    // What the chart's pre-install/pre-upgrade Job does, from the gateway image, on an empty server.
    for (const script of ['migrate', 'seed']) {
      await check('migration job', `node scripts/db/${script}.mjs`, async () => {
        const job = await startContainer(image('gateway'), { env: { DATABASE_URL: databaseUrl }, command: ['node', `scripts/db/${script}.mjs`] });
        const status = await job.exited;
        if (status !== 0) throw failWithLogs(job, `exit status ${status}`);
        return job.logs().trim().split('\n').pop();
      });
    }
  }

  if (wanted.includes('gateway')) {
    const [port, opsPort] = [await freePort(), await freePort()];
    const gateway = await startContainer(image('gateway'), {
      env: {
        REDIS_URL: redis.url,
        DATABASE_URL: databaseUrl,
        GATEWAY_PORT: String(port),
        METRICS_PORT: String(opsPort),
        SERVER_ID: 'gateway-smoke',
        LOG_PRETTY: '0',
        ...SMOKE_AUTH,
      },
    });
    const url = `http://127.0.0.1:${port}`;
    await serviceChecks('gateway', gateway, {
      healthUrl: `${url}/health`,
      // The ops port: /metrics is never on the players' port.
      metricsUrl: `http://127.0.0.1:${opsPort}/metrics`,
      metricName: 'aether_gateway_connections',
      ready: (text) => text.includes('"ok"'),
    });
  }

  if (wanted.includes('gateway')) {
    // /api/zones again with a fresh gateway: the list of the seed world (what `helm test` checks).
    const [port, opsPort] = [await freePort(), await freePort()];
    const gateway = await startContainer(image('gateway'), {
      env: {
        REDIS_URL: redis.url,
        DATABASE_URL: databaseUrl,
        GATEWAY_PORT: String(port),
        METRICS_PORT: String(opsPort),
        SERVER_ID: 'gateway-smoke-2',
        LOG_PRETTY: '0',
        ...SMOKE_AUTH,
      },
    });
    await check('gateway', '/api/zones lists the seed world', async () => {
      let body = '';
      await waitFor(async () => (body = await getText(`http://127.0.0.1:${opsPort}/api/zones`).catch(() => '')) !== '', {
        timeoutMs: 60_000,
        intervalMs: 250,
        message: '/api/zones',
      }).catch((error) => {
        throw failWithLogs(gateway, 'no answer', error);
      });
      for (const zone of ZONES) if (!body.includes(zone)) throw failWithLogs(gateway, `${zone} missing from ${body.slice(0, 300)}`);
      return ZONES.join(', ');
    });
    await check('gateway', "the chart's `helm test` pod passes (its command, in the gateway image)", async () => {
      const pod = await helmTestPod();
      const container = pod.spec.containers[0];
      const env = Object.fromEntries(container.env.map((entry) => [entry.name, entry.value]));
      env.GATEWAY_URL = `http://127.0.0.1:${port}`;
      env.GATEWAY_OPS_URL = `http://127.0.0.1:${opsPort}`;
      const test = await startContainer(image('gateway'), { env, command: container.command });
      const status = await test.exited;
      if (status !== 0) throw failWithLogs(test, `exit status ${status}`);
      return test.logs().trim().split('\n').join('; ');
    });
    await gateway.stop();
  }

  if (wanted.includes('zone')) {
    const port = await freePort();
    const zone = await startContainer(image('zone'), {
      env: {
        REDIS_URL: redis.url,
        DATABASE_URL: databaseUrl,
        METRICS_PORT: String(port),
        SERVER_ID: 'zone-smoke-0',
        ASSIGNED_ZONES: ZONES.join(','),
        LOG_PRETTY: '0',
      },
    });
    await serviceChecks('zone', zone, {
      healthUrl: `http://127.0.0.1:${port}/health`,
      metricsUrl: `http://127.0.0.1:${port}/metrics`,
      metricName: 'aether_zone_tick_duration_seconds',
      ready: (text) => {
        try {
          return [...(JSON.parse(text).zones ?? [])].sort().join(',') === ZONES.join(',');
        } catch {
          return false;
        }
      },
    });
  }

  if (wanted.includes('operator')) await operatorChecks(redis.url);
}

async function operatorChecks(redisUrl) {
  let controlPlane;
  await check('operator', 'test control plane (kube-apiserver + CRD)', async () => {
    const { startKubeControlPlane } = await import(join(root, 'testing/dist/index.js'));
    controlPlane = await startKubeControlPlane();
    cleanups.push(() => controlPlane.stop());
    const { stdout: kubectl } = await run(join(root, 'scripts/tools/kube-tools.sh'), ['kubectl']);
    await run(kubectl.trim(), [
      '--kubeconfig',
      controlPlane.kubeconfig,
      'apply',
      '--server-side',
      '-f',
      join(root, 'operator/crd/zoneassignments.aether.dev.yaml'),
    ]);
    await waitFor(async () => (await controlPlane.request('GET', '/apis/aether.dev/v1alpha1/zoneassignments')).status === 200, {
      timeoutMs: 60_000,
      intervalMs: 200,
      message: 'zoneassignments to be served',
    });
    return controlPlane.server;
  });
  if (!controlPlane) return;
  // The container cannot see the host's files: one kubeconfig with the CA inline, mounted read-only.
  const ca = await readFile(controlPlane.caFile);
  const kubeconfig = join(controlPlane.workDir, 'operator-smoke.kubeconfig');
  await writeFile(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters:
- name: smoke
  cluster: {server: "${controlPlane.server}", certificate-authority-data: ${ca.toString('base64')}}
users:
- name: smoke
  user: {token: ${controlPlane.token}}
contexts:
- name: smoke
  context: {cluster: smoke, user: smoke}
current-context: smoke
`,
  );
  const port = await freePort();
  const operator = await startContainer(image('operator'), {
    env: {
      REDIS_URL: redisUrl,
      METRICS_PORT: String(port),
      POD_NAME: 'operator-smoke-0',
      POD_NAMESPACE: 'default',
      KUBECONFIG: '/etc/aether/kubeconfig',
      LOG_PRETTY: '0',
    },
    volumes: [`${kubeconfig}:/etc/aether/kubeconfig`],
  });
  await serviceChecks('operator', operator, {
    healthUrl: `http://127.0.0.1:${port}/metrics`,
    metricsUrl: `http://127.0.0.1:${port}/metrics`,
    metricName: 'aether_operator_reconcile_duration_seconds',
    // Serving /metrics and holding the Lease: started, talked to the API server, elected.
    ready: (text) => /^aether_operator_leader(\{[^}]*\})? 1$/m.test(text),
  });
}

let failed = true;
try {
  await main();
  failed = results.length === 0 || results.some((result) => !result.ok);
} catch (error) {
  say(`error: ${error.message}`);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  // The working containers run.sh --reuse kept.
  const { stdout } = await bah('containers', '--format', '{{.ContainerName}}').catch(() => ({ stdout: '' }));
  for (const name of stdout.split('\n').filter((line) => line.startsWith('aether-run-'))) await bah('rm', name).catch(() => {});
}
const passed = results.filter((result) => result.ok).length;
say(`${passed} passed, ${results.length - passed} failed`);
// The plain closing line for whoever reads the log's end (images.sh repeats it last).
process.stdout.write(`smoke: ${passed} passed, ${results.length - passed} failed\n`);
process.exit(failed ? 1 : 0);
