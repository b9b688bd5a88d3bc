import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createDatabase, seedWorld } from '../../../shared/src/db/index.js';
import { createTestDatabase, freePort, type RedisServer, startRedisServer, waitFor } from '@aether/testing';
import { Cluster, type Service } from '../../../test/integration/distributed/cluster.js';
import { TestKube, zaPath } from './kube.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export const ZONES = ['zone-crossroads', 'zone-forest', 'zone-city'];

export interface OperatorProcess {
  name: string;
  metricsUrl: string;
  logs(): string;
  kill(signal?: NodeJS.Signals): void;
  stop(): Promise<void>;
  metrics(): Promise<string>;
}

/**
 * One test file's world: its own namespace (so its operators watch only it),
 * its own Redis (zone ids are global keys there) and a fresh seeded database,
 * plus real operator processes (`node operator/dist/main.js`) and real zone
 * servers (`node zone/dist/main.js`, SERVER_ID = pod name) — build first.
 */
export class OperatorWorld {
  readonly kube = new TestKube();
  readonly zones: Cluster;
  private readonly operators: OperatorProcess[] = [];
  private readonly zoneServers = new Map<string, Service>();

  private constructor(
    readonly namespace: string,
    readonly redis: RedisServer,
    readonly databaseUrl: string,
    private readonly dropDatabase: () => Promise<void>,
  ) {
    this.zones = new Cluster({ REDIS_URL: redis.url, DATABASE_URL: databaseUrl });
  }

  static async start(namespace: string): Promise<OperatorWorld> {
    const kube = new TestKube();
    const [redis, database] = await Promise.all([startRedisServer(), createTestDatabase(process.env.TEST_DATABASE_URL!), kube.createNamespace(namespace)]);
    const db = createDatabase(database.url, { poolSize: 2 });
    await seedWorld(db);
    await db.close();
    return new OperatorWorld(namespace, redis, database.url, () => database.drop());
  }

  /** Starts an operator replica watching this namespace, with its Lease here too. */
  async operator(name: string, env: Record<string, string> = {}): Promise<OperatorProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['operator/dist/main.js'], {
      cwd: root,
      env: {
        ...process.env,
        // Not admin: the unprivileged user bound to operator/examples/rbac.yaml, so a missing rule fails the tests.
        KUBECONFIG: process.env.AETHER_TEST_OPERATOR_KUBECONFIG!,
        REDIS_URL: this.redis.url,
        SERVER_ID: name,
        METRICS_PORT: String(port),
        WATCH_NAMESPACE: this.namespace,
        LEADER_ELECTION_NAMESPACE: this.namespace,
        LOG_LEVEL: 'info',
        LOG_PRETTY: '0',
        RESYNC_INTERVAL_MS: '500',
        // The image the test ZoneAssignments name: a ZoneAssignment may run only what the operator allows.
        ZONE_IMAGE: 'aether/zone:test',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-300_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const metricsUrl = `http://127.0.0.1:${port}`;
    const operator: OperatorProcess = {
      name,
      metricsUrl,
      logs: () => output,
      kill: (signal = 'SIGKILL') => void child.kill(signal),
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      },
      metrics: async () => (await fetch(`${metricsUrl}/metrics`, { signal: AbortSignal.timeout(2000) })).text(),
    };
    this.operators.push(operator);
    await waitFor(
      async () =>
        (
          (await fetch(`${metricsUrl}/health`)
            .then((r) => r.json())
            .catch(() => null)) as { status?: string } | null
        )?.status === 'ok',
      {
        timeoutMs: 20_000,
        intervalMs: 100,
        message: `operator ${name} to answer /health\n${output}`,
      },
    );
    return operator;
  }

  /** A zone server in assigned mode under a pod's name (no ASSIGNED_ZONES: it follows the operator). */
  async zoneServer(name: string): Promise<Service> {
    const service = await this.zones.zone(name, []);
    this.zoneServers.set(name, service);
    return service;
  }

  zoneServerNamed(name: string): Service | undefined {
    return this.zoneServers.get(name);
  }

  /** Applies a ZoneAssignment with kubectl (what an SRE does). */
  async apply(manifest: Record<string, unknown>): Promise<void> {
    const result = await this.kube.kubectl(['apply', '-n', this.namespace, '-f', '-'], JSON.stringify(manifest));
    if (result.code !== 0) throw new Error(`kubectl apply failed: ${result.stderr}`);
  }

  za(name: string): Promise<any> {
    return this.kube.za(this.namespace, name);
  }

  /** zoneId → record in Redis. */
  async redisAssignments(): Promise<Map<string, { serverId: string; epoch: number }>> {
    const redis = new Redis(this.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const result = new Map<string, { serverId: string; epoch: number }>();
      for (const zoneId of ZONES) {
        const text = await redis.get(`zone:assignment:${zoneId}`);
        if (text) result.set(zoneId, JSON.parse(text));
      }
      return result;
    } finally {
      redis.disconnect();
    }
  }

  async flushRedis(): Promise<void> {
    const redis = new Redis(this.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      await redis.flushall();
    } finally {
      redis.disconnect();
    }
  }

  /**
   * Every zone is owned exactly once, everywhere: status.assignments lists
   * each zone once, Redis says the same (server and epoch), the assigned zone
   * server simulates it (/health) and no other one does, and Ready is True.
   * Resolves with the assignments.
   */
  async converged(name: string, servers: string[]): Promise<Map<string, { server: string; epoch: number }> | false> {
    const za = await this.za(name);
    const assignments: Array<{ zoneId: string; server: string; epoch: number }> = za?.status?.assignments ?? [];
    if (assignments.length !== ZONES.length || new Set(assignments.map((a) => a.zoneId)).size !== ZONES.length) return false;
    if (za.status.conditions?.find((c: { type: string }) => c.type === 'Ready')?.status !== 'True') return false;
    if (!assignments.every((a) => servers.includes(a.server))) return false;
    const records = await this.redisAssignments();
    if (!assignments.every((a) => records.get(a.zoneId)?.serverId === a.server && records.get(a.zoneId)?.epoch === a.epoch)) return false;
    const simulated = new Map<string, string[]>();
    for (const server of servers) {
      const health = await this.zoneServers
        .get(server)
        ?.health()
        .catch(() => null);
      simulated.set(server, health?.zones ?? []);
    }
    for (const a of assignments) {
      const owners = [...simulated].filter(([, zones]) => zones.includes(a.zoneId)).map(([server]) => server);
      if (owners.length !== 1 || owners[0] !== a.server) return false;
    }
    return new Map(assignments.map((a) => [a.zoneId, { server: a.server, epoch: a.epoch }]));
  }

  /** Waits for `converged`, and for `also` (e.g. "world-1 owns a zone") on the result. */
  async waitConverged(
    name: string,
    servers: string[],
    timeoutMs = 60_000,
    also: (owned: Map<string, { server: string; epoch: number }>) => boolean = () => true,
  ): Promise<Map<string, { server: string; epoch: number }>> {
    return waitFor(
      async () => {
        const owned = await this.converged(name, servers);
        return owned && also(owned) ? owned : undefined;
      },
      { timeoutMs, intervalMs: 100, message: `every zone owned once by ${servers.join(', ')}` },
    );
  }

  /** Writes every process's output to test-results/operator/<namespace>/ (git-ignored) and returns the folder. */
  async saveLogs(): Promise<string> {
    const dir = join(root, 'test-results/operator', this.namespace);
    await mkdir(dir, { recursive: true });
    await Promise.all(this.operators.map((o, i) => writeFile(join(dir, `operator-${i}-${o.name}.log`), o.logs())));
    await writeFile(join(dir, 'zone-servers.log'), this.zones.dumpLogs());
    return dir;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.operators.map((o) => o.stop()));
    const logs = await this.saveLogs().catch(() => undefined);
    if (logs) process.stdout.write(`  process logs: ${logs}\n`);
    await this.zones.stopAll();
    // With no operator left to remove its finalizer, a ZoneAssignment would hold the namespace in Terminating.
    const left = await this.kube.get(zaPath(this.namespace)).catch(() => undefined);
    for (const za of left?.items ?? []) {
      await this.kube
        .request('PATCH', zaPath(this.namespace, za.metadata.name), { metadata: { finalizers: null } }, 'application/merge-patch+json')
        .catch(() => undefined);
    }
    // Deleting the namespace takes the ZoneAssignment, its StatefulSet and pods with it.
    await this.kube.request('DELETE', `/api/v1/namespaces/${this.namespace}`).catch(() => undefined);
    await Promise.allSettled([this.redis.stop(), this.dropDatabase()]);
  }
}

export function worldManifest(name: string, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'aether.dev/v1alpha1',
    kind: 'ZoneAssignment',
    metadata: { name },
    spec: {
      zones: [{ id: 'zone-crossroads', weight: 2 }, { id: 'zone-forest' }, { id: 'zone-city' }],
      servers: { replicas: 2, minReplicas: 1, maxReplicas: 4 },
      template: { image: 'aether/zone:test' },
      ...spec,
    },
  };
}

/** For waitConverged: each of these servers owns at least one zone. */
export const eachOwnsAZone =
  (...servers: string[]) =>
  (owned: Map<string, { server: string }>) =>
    servers.every((server) => [...owned.values()].some((a) => a.server === server));

/** Seconds with one decimal, for the convergence lines the tests print. */
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
