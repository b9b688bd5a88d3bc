import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@aether/shared/process';
import { waitFor } from '../wait-for.js';
import { outputTail } from './process-output.js';
import { findRedisServerBinary } from './redis-server.js';

const run = promisify(execFile);

export interface RedisClusterNode {
  port: number;
  url: string;
  /** False once the node was killed. */
  alive: boolean;
}

export interface RedisClusterMaster {
  port: number;
  id: string;
  /** The node's replicas, by port. */
  replicas: number[];
  /** The hash slots it serves, as inclusive ranges. */
  slots: Array<[number, number]>;
}

export interface RedisCluster {
  /** Every node's URL, comma-separated: REDIS_URL for a process started with REDIS_CLUSTER=1. */
  url: string;
  nodes: readonly RedisClusterNode[];
  nodeTimeoutMs: number;
  /** The masters as the live nodes see them now (after a failover, the promoted replicas), by port. */
  masters(): Promise<RedisClusterMaster[]>;
  /**
   * kill -9 of the n-th master (by port order, from 0). Resolves with its
   * port and the moment it died, once the process has gone.
   */
  killMaster(n: number): Promise<{ port: number; killedAt: number }>;
  /** Which master (its number for `killMaster`) holds a key or sharded channel now. */
  masterOf(key: string): Promise<number>;
  /** Until every live node reports cluster_state:ok and every slot has a live master. */
  untilHealthy(timeoutMs?: number): Promise<void>;
  /** FLUSHALL on every master: a clean slate between tests. */
  flushAll(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartRedisClusterOptions {
  /** Masters (default 3), each with one replica. */
  masters?: number;
  /**
   * cluster-node-timeout: how long a silent master takes to be declared
   * failed and replaced. Redis's default is 15 s; 2 s keeps failover tests short.
   */
  nodeTimeoutMs?: number;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/**
 * A throw-away Redis Cluster on loopback: 3 masters and 3 replicas by
 * default, no persistence, in one temporary directory, joined with
 * `redis-cli --cluster create`. Resolves once the cluster serves every slot
 * and every replica has synchronised with its master (so a failover can
 * promote it).
 */
export async function startRedisCluster(options: StartRedisClusterOptions = {}): Promise<RedisCluster> {
  const masterCount = options.masters ?? 3;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 2_000;
  const server = await findRedisServerBinary();
  const cli = await findCli(server);
  const dir = await mkdtemp(join(tmpdir(), 'aether-redis-cluster-'));
  const processes: Array<{ node: RedisClusterNode; child: ChildProcess; exited: Promise<void> }> = [];
  const killOnExit = () => {
    for (const { child } of processes) child.kill('SIGKILL');
  };
  // An aborted test run must not leave servers behind holding ports.
  process.on('exit', killOnExit);

  const cleanup = async () => {
    await Promise.all(
      processes.map(async ({ node, child, exited }) => {
        if (!node.alive) return;
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
    process.off('exit', killOnExit);
    await rm(dir, { recursive: true, force: true });
  };

  const redisCli = async (port: number, ...args: string[]) => (await run(cli, ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 5_000 })).stdout;

  try {
    for (let index = 0; index < masterCount * 2; index += 1) {
      const port = await clusterPort(processes.map(({ node }) => node.port));
      const nodeDir = join(dir, String(port));
      await mkdir(nodeDir);
      const child = spawn(
        server,
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(nodeDir, 'nodes.conf'),
          '--cluster-node-timeout',
          String(nodeTimeoutMs),
          '--save',
          '',
          '--appendonly',
          'no',
          // A replica's first sync starts at once rather than after Redis's default 5 s wait for more replicas.
          '--repl-diskless-sync-delay',
          '0',
          '--daemonize',
          'no',
          '--dir',
          nodeDir,
          '--loglevel',
          'warning',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const output = outputTail(child);
      const node: RedisClusterNode = { port, url: `redis://127.0.0.1:${port}`, alive: true };
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      void exited.then(() => {
        node.alive = false;
      });
      child.unref();
      processes.push({ node, child, exited });
      await waitFor(
        async () => {
          if (!node.alive) throw new Error(`redis-server on port ${port} exited: ${output().trim() || '(no output)'}`);
          return (await redisCli(port, 'PING').catch(() => '')).trim() === 'PONG';
        },
        { timeoutMs: 10_000, intervalMs: 20, message: `redis-server on port ${port} to answer PING` },
      );
    }
    await run(cli, ['--cluster', 'create', ...processes.map(({ node }) => `127.0.0.1:${node.port}`), '--cluster-replicas', '1', '--cluster-yes'], {
      timeout: READY_TIMEOUT_MS,
    });
  } catch (error) {
    await cleanup();
    throw new Error('could not start a Redis Cluster', { cause: error });
  }

  const live = () => processes.filter(({ node }) => node.alive);
  const clusterNodes = async () => {
    // Any live node's view; after a failover every node converges on the same one within a node timeout.
    const text = await redisCli(live()[0]!.node.port, 'CLUSTER', 'NODES');
    return text
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .map(([id, address, flags, master, , , , link, ...slots]) => ({
        id: id!,
        port: Number(address!.split('@')[0]!.split(':')[1]),
        flags: flags!.split(','),
        master: master!,
        connected: link === 'connected',
        slots,
      }));
  };
  const masters = async (): Promise<RedisClusterMaster[]> => {
    const all = await clusterNodes();
    return all
      .filter((entry) => entry.flags.includes('master') && !entry.flags.includes('fail') && entry.slots.length > 0)
      .map((entry) => ({
        id: entry.id,
        port: entry.port,
        replicas: all.filter((other) => other.master === entry.id).map((other) => other.port),
        // "0-5460" or "5461"; "[slot->-id]" entries are migrations in progress, not served yet.
        slots: entry.slots
          .filter((range) => !range.startsWith('['))
          .map((range) => range.split('-').map(Number))
          .map(([from, to]) => [from!, to ?? from!] as [number, number]),
      }))
      .sort((a, b) => a.port - b.port);
  };
  const untilHealthy = async (timeoutMs = READY_TIMEOUT_MS) => {
    await waitFor(
      async () => {
        for (const { node } of live()) {
          if (!(await redisCli(node.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
        }
        const current = await masters();
        if (current.length !== masterCount) return false;
        // Every live replica has its master's data, so the next failover can promote it.
        for (const { node } of live()) {
          const replication = await redisCli(node.port, 'INFO', 'replication');
          if (replication.includes('role:slave') && !replication.includes('master_link_status:up')) return false;
        }
        return true;
      },
      { timeoutMs, intervalMs: 100, message: 'the Redis Cluster to be healthy (cluster_state:ok, every replica in sync)' },
    );
  };
  try {
    await untilHealthy();
  } catch (error) {
    await cleanup();
    throw error;
  }

  return {
    url: processes.map(({ node }) => node.url).join(','),
    nodes: processes.map(({ node }) => node),
    nodeTimeoutMs,
    masters,
    untilHealthy,
    async killMaster(n) {
      const master = (await masters())[n];
      if (!master) throw new Error(`there is no master number ${n}`);
      const target = processes.find(({ node }) => node.port === master.port)!;
      const killedAt = Date.now();
      target.child.kill('SIGKILL');
      await target.exited;
      return { port: master.port, killedAt };
    },
    async masterOf(key) {
      const slot = Number((await redisCli(live()[0]!.node.port, 'CLUSTER', 'KEYSLOT', key)).trim());
      const index = (await masters()).findIndex((master) => master.slots.some(([from, to]) => slot >= from && slot <= to));
      if (index < 0) throw new Error(`no live master serves slot ${slot} (key ${key})`);
      return index;
    },
    async flushAll() {
      for (const master of await masters()) await redisCli(master.port, 'FLUSHALL');
    },
    stop: cleanup,
  };
}

/** redis-cli ships beside redis-server. */
async function findCli(server: string): Promise<string> {
  const beside = join(dirname(server), 'redis-cli');
  try {
    await run(beside, ['--version']);
    return beside;
  } catch {
    return 'redis-cli';
  }
}

/**
 * A free port whose cluster bus port (port + 10000) is free too, and not
 * one already handed out: a cluster node listens on both.
 */
async function clusterPort(taken: number[]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await freePort();
    if (port + 10_000 > 65_535 || taken.includes(port) || taken.includes(port + 10_000) || taken.includes(port - 10_000)) continue;
    if (await isFree(port + 10_000)) return port;
  }
  throw new Error('no free port pair (port, port + 10000) for a cluster node');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
