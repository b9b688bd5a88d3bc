import { jest } from '@jest/globals';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, type KubeControlPlane, startKubeControlPlane, waitFor } from '@aether/testing';
import { documentedMetrics, promtool } from '../../charts/aether/tests/helpers.js';
import { Cluster, type Service } from '../integration/distributed/cluster.js';
import { playerAt, startWorld, type World } from '../integration/distributed/fixtures.js';

// Scrapes /metrics from a real gateway, zone server and operator (compiled
// code, separate processes, as cluster.ts starts them; the operator against a
// real kube-apiserver with kwok pods) while a player is in the world, and
// checks that docs/metrics.md and the processes agree, that no label grows
// with the number of players, and that `promtool check metrics` (Prometheus's
// naming lint) has nothing to say about any of them.

const root = fileURLToPath(new URL('../../', import.meta.url));
const NAMESPACE = 'metrics';
const ZONES = ['zone-city', 'zone-crossroads', 'zone-forest'];

/**
 * Label names a series may carry (docs/metrics.md); prom-client's own: le,
 * space, kind, type, version, major, minor, patch. No server id: Prometheus's
 * target labels (pod, instance) say which process a series came from.
 */
const ALLOWED_LABELS = new Set([
  'zone',
  'direction',
  'event',
  'code',
  'reason',
  'kind',
  'result',
  'zoneassignment',
  'state',
  'server',
  'le',
  'space',
  'version',
  'major',
  'minor',
  'patch',
  'type',
  // aether_gateway_auth_attempts_total: the gateway's AUTH_MODE (dev, password, jwt).
  'mode',
  // aether_redis_*: the bus's command kind (get, set, publish, script, …) and connection (commands, subscriber).
  'command',
  'connection',
]);

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Scrape {
  /** The exposition as served. */
  text: string;
  /** metric family name → type, from # TYPE lines. */
  types: Map<string, string>;
  samples: Sample[];
}

function parseExposition(text: string): Scrape {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      types.set(name!, type!);
      continue;
    }
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)/.exec(line);
    if (!match) throw new Error(`unparsable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[4]) });
  }
  return { text, types, samples };
}

async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) });
  expect(response.status).toBe(200);
  return parseExposition(await response.text());
}

/** The family a sample belongs to (histogram _bucket/_sum/_count fold onto it). */
function family(scrape: Scrape, sample: string): string {
  if (scrape.types.has(sample)) return sample;
  return sample.replace(/_(bucket|sum|count)$/, '');
}

jest.setTimeout(240_000);

describe('metrics of real processes', () => {
  let controlPlane: KubeControlPlane;
  let world: World;
  let cluster: Cluster;
  let operator: { process: ChildProcess; url: string; logs: () => string };
  let gateway: Service;
  let zone: Service;
  let player: Awaited<ReturnType<typeof playerAt>>;
  const scrapes: Record<'gateway' | 'zone' | 'operator', Scrape> = {} as never;

  beforeAll(async () => {
    [controlPlane, world] = await Promise.all([startKubeControlPlane(), startWorld()]);
    const kubectl = execFileSync(`${root}scripts/tools/kube-tools.sh`, ['kubectl'], { encoding: 'utf8' }).trim();
    const run = (args: string[], input?: string) =>
      execFileSync(kubectl, ['--kubeconfig', controlPlane.kubeconfig, ...args], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
    run(['apply', '--server-side', '-f', `${root}operator/crd/zoneassignments.aether.dev.yaml`]);
    await controlPlane.createNamespace(NAMESPACE);
    await waitFor(async () => (await controlPlane.request('GET', `/apis/aether.dev/v1alpha1/namespaces/${NAMESPACE}/zoneassignments`)).status === 200, {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: 'zoneassignments to be served',
    });

    // The operator (admin credentials: its RBAC is the chart's and the operator suite's concern).
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, ['operator/dist/main.js'], {
      cwd: root,
      env: {
        ...process.env,
        KUBECONFIG: controlPlane.kubeconfig,
        REDIS_URL: world.redis.url,
        SERVER_ID: 'operator-0',
        METRICS_PORT: String(port),
        WATCH_NAMESPACE: NAMESPACE,
        // The zone image comes from the operator's configuration, never from a ZoneAssignment's author.
        ZONE_IMAGE: 'example.invalid/zone',
        LEADER_ELECTION_NAMESPACE: NAMESPACE,
        RESYNC_INTERVAL_MS: '500',
        LOG_LEVEL: 'info',
        LOG_PRETTY: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-100_000)));
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-100_000)));
    operator = { process: child, url: `http://127.0.0.1:${port}`, logs: () => output };

    // The world: one zone server, which is the pod world-0 the operator runs (kwok makes it Ready).
    run(
      ['apply', '-n', NAMESPACE, '-f', '-'],
      JSON.stringify({
        apiVersion: 'aether.dev/v1alpha1',
        kind: 'ZoneAssignment',
        metadata: { name: 'world' },
        spec: { zones: ZONES.map((id) => ({ id })), servers: { replicas: 1 }, template: {} },
      }),
    );
    cluster = new Cluster({ REDIS_URL: world.redis.url, DATABASE_URL: world.databaseUrl });
    [gateway, zone] = await Promise.all([cluster.gateway('gateway-metrics'), cluster.zone('world-0', [])]);
    await cluster.owns(zone, ZONES, 90_000).catch((error) => {
      throw new Error(`${error.message}\n── operator ──\n${operator.logs().slice(-5000)}\n${cluster.dumpLogs()}`);
    });

    // A player in the world: connected, moving, talking.
    player = await playerAt(world, gateway.url, 'Metrix', { zoneId: 'zone-crossroads', x: 100, y: 100 });
    player.client.socket.emit('move', { heading: 90, speed: 2 });
    player.client.socket.emit('command', { text: 'hello from the metrics test' });
    player.client.socket.emit('move', { stop: true });
    // Let the heartbeat (5 s), a checkpoint and a few reconciles happen.
    await waitFor(
      async () => {
        const text = await (await fetch(`${operator.url}/metrics`)).text();
        return /aether_operator_heartbeat_age_seconds\{[^}]*server="world-0"/.test(text) && /aether_operator_servers\{[^}]*state="ready"[^}]*\} 1/.test(text);
      },
      { timeoutMs: 60_000, intervalMs: 250, message: `the operator to report world-0 ready\n${operator.logs().slice(-3000)}` },
    );
    await waitFor(async () => (await zone.health()).players === 1, { timeoutMs: 20_000, message: 'the zone server to count the player' });
    [scrapes.gateway, scrapes.zone, scrapes.operator] = await Promise.all([scrape(gateway.opsUrl!), scrape(zone.url), scrape(operator.url)]);
    // Long enough for scripts/tools/control-plane.sh to build the binaries on a machine that has none (~10 min).
  }, 20 * 60_000);

  afterAll(async () => {
    player?.client.socket.close();
    if (operator && operator.process.exitCode === null) {
      operator.process.kill('SIGTERM');
      await new Promise((resolve) => operator.process.once('exit', resolve));
    }
    await cluster?.stopAll();
    await Promise.allSettled([world?.close(), controlPlane?.stop()]);
  });

  const servedBy = (prefix: string, scrape: Scrape) => [...scrape.types.keys()].filter((name) => name.startsWith(prefix));

  it.each([
    ['gateway', 'aether_gateway_'],
    ['zone', 'aether_zone_'],
    ['operator', 'aether_operator_'],
  ] as const)('the %s serves every %s* metric docs/metrics.md lists, and only those', (process, prefix) => {
    const documented = [...documentedMetrics()].filter((name) => name.startsWith(prefix)).sort();
    expect(documented.length).toBeGreaterThan(4);
    expect(servedBy(prefix, scrapes[process]).sort()).toEqual(documented);
  });

  it.each(['gateway', 'zone', 'operator'] as const)('the %s serves the documented runtime metrics under their standard process_*/nodejs_* names', (process) => {
    const documented = [...documentedMetrics()].filter((name) => /^(process|nodejs)_/.test(name));
    expect(documented.length).toBeGreaterThan(3);
    for (const name of documented) expect({ name, served: scrapes[process].types.has(name) }).toEqual({ name, served: true });
    // Nothing else under aether_ outside the documented families (the runtime set is no longer prefixed).
    const other = [...scrapes[process].types.keys()].filter((name) => name.startsWith('aether_') && !/^aether_(gateway|zone|operator|redis|db)_/.test(name));
    expect(other).toEqual([]);
  });

  it.each([
    ['gateway', 'aether_redis_'],
    ['zone', 'aether_redis_'],
    ['operator', 'aether_redis_'],
    ['gateway', 'aether_db_'],
    ['zone', 'aether_db_'],
  ] as const)('the %s serves every %s* dependency metric docs/metrics.md lists', (process, prefix) => {
    const documented = [...documentedMetrics()].filter((name) => name.startsWith(prefix)).sort();
    expect(documented.length).toBeGreaterThan(2);
    expect(servedBy(prefix, scrapes[process]).sort()).toEqual(documented);
  });

  it.each(['gateway', 'zone', 'operator'] as const)('the %s passes promtool check metrics with no warnings', (process) => {
    const { status, output } = promtool(['check', 'metrics'], { input: scrapes[process].text });
    expect({ status, output }).toEqual({ status: 0, output: '' });
  });

  it('reports the world as it is: one player, one connection, the zone server ready, a leader', () => {
    const value = (scrape: Scrape, name: string, labels: Record<string, string> = {}) =>
      scrape.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    expect(value(scrapes.gateway, 'aether_gateway_connections')).toBe(1);
    expect(value(scrapes.gateway, 'aether_gateway_messages_total', { direction: 'in', event: 'character_select' })).toBe(1);
    expect(value(scrapes.zone, 'aether_zone_players', { zone: 'zone-crossroads' })).toBe(1);
    for (const zoneId of ZONES) expect(value(scrapes.zone, 'aether_zone_tick_duration_seconds_count', { zone: zoneId })).toBeGreaterThan(0);
    expect(value(scrapes.operator, 'aether_operator_leader')).toBe(1);
    expect(value(scrapes.operator, 'aether_operator_servers', { zoneassignment: `${NAMESPACE}/world`, state: 'ready' })).toBe(1);
    expect(value(scrapes.operator, 'aether_operator_heartbeat_age_seconds', { server: 'world-0' })).toBeLessThan(15);
    expect(value(scrapes.operator, 'aether_operator_reconcile_duration_seconds_count', { result: 'changed' })).toBeGreaterThan(0);
  });

  it.each(['gateway', 'zone', 'operator'] as const)('the %s labels series only from small fixed sets, never with players', (process) => {
    const scrape = scrapes[process];
    const characterId = player.characterId;
    const seriesPerFamily = new Map<string, Set<string>>();
    for (const sample of scrape.samples) {
      for (const [key, value] of Object.entries(sample.labels)) {
        expect({ metric: sample.name, label: key, allowed: ALLOWED_LABELS.has(key) }).toEqual({ metric: sample.name, label: key, allowed: true });
        // No character ids (uuids), no player names, no long free text.
        expect({ metric: sample.name, value, idLike: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(value) }).toEqual({
          metric: sample.name,
          value,
          idLike: false,
        });
        expect(value).not.toBe(characterId);
        expect(value.toLowerCase()).not.toContain('metrix');
        expect(value.length).toBeLessThanOrEqual(64);
      }
      const { le: _le, quantile: _quantile, ...identity } = sample.labels;
      const key = family(scrape, sample.name);
      if (!seriesPerFamily.has(key)) seriesPerFamily.set(key, new Set());
      seriesPerFamily.get(key)!.add(JSON.stringify(identity));
    }
    for (const [name, series] of seriesPerFamily) expect({ name, bounded: series.size <= 64 }).toEqual({ name, bounded: true });
  });
});
