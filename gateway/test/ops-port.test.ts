import { jest } from '@jest/globals';
import { InMemoryBus, Registry } from '@aether/shared';
import { registryRoutes } from '../src/http/registry-routes.js';
import { startBareGateway, type BareGateway } from './gateway-fixture.js';

jest.setTimeout(60_000);

/**
 * The players' port serves the game and public facts only; /metrics and the
 * registry listings are on the ops port (METRICS_PORT), which the chart keeps
 * off the players' Service.
 */
describe('the ops port', () => {
  let gateway: BareGateway;
  let registry: Registry;
  const calls = { zoneIds: 0, listAssignments: 0, listHeartbeats: 0, getLease: 0 };

  beforeAll(async () => {
    registry = new Registry(new InMemoryBus({ source: 'registry' }), () => undefined);
    await registry.heartbeat('zone-1', { type: 'zone', zones: ['zone-crossroads'], players: 3, tickP99Ms: 2, ts: Date.now() });
    await registry.setAssignment('zone-crossroads', { serverId: 'zone-1', epoch: 4, assignedAt: Date.now() });
    // Count what each listing costs: the database query and the registry scans.
    for (const name of ['listAssignments', 'listHeartbeats', 'getLease'] as const) {
      const original = registry[name].bind(registry) as (...args: unknown[]) => Promise<unknown>;
      (registry as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        calls[name] += 1;
        return original(...args);
      };
    }
    const zoneIds = async () => {
      calls.zoneIds += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return ['zone-crossroads', 'zone-forest'];
    };
    gateway = await startBareGateway({ ops: { port: 0, host: '127.0.0.1' }, opsRoutes: [registryRoutes(registry, zoneIds, { ttlMs: 1_000 })] });
  }, 60_000);

  afterAll(() => gateway?.close());

  const get = async (base: string, path: string) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  it.each(['/metrics', '/api/zones', '/api/servers'])("the players' port answers 404 for %s", async (path) => {
    expect((await get(gateway.url, path)).status).toBe(404);
  });

  it('/health is on both ports; /api/info stays public', async () => {
    for (const base of [gateway.url, gateway.opsUrl!]) {
      const health = await get(base, '/health');
      expect(health.status).toBe(200);
      expect(JSON.parse(health.text)).toMatchObject({ status: 'ok', type: 'gateway' });
    }
    const info = await get(gateway.url, '/api/info');
    expect(info.status).toBe(200);
    expect(JSON.parse(info.text)).toMatchObject({ name: 'Aether', protocol: { transport: 'socket.io' } });
  });

  it("/metrics on the ops port serves the gateway metrics, the limits' among them", async () => {
    const metrics = await get(gateway.opsUrl!, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toContain('text/plain');
    for (const name of [
      'aether_gateway_connections',
      'aether_gateway_limit_refusals_total',
      'aether_gateway_refused_connections_total',
      'aether_gateway_resume_tokens_total',
    ]) {
      expect(metrics.text).toContain(`# TYPE ${name} `);
    }
  });

  it('/api/zones and /api/servers on the ops port: a burst of requests costs one listing, reused for the cache time', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => get(gateway.opsUrl!, '/api/zones')));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(JSON.parse(answers[0]!.text)).toEqual({
      zones: [
        { zoneId: 'zone-crossroads', assignedTo: 'zone-1', epoch: 4, simulatedBy: null, ownerAlive: false },
        { zoneId: 'zone-forest', assignedTo: null, epoch: null, simulatedBy: null, ownerAlive: false },
      ],
    });
    expect(calls).toEqual({ zoneIds: 1, listAssignments: 1, listHeartbeats: 1, getLease: 2 });
    await get(gateway.opsUrl!, '/api/zones');
    expect(calls.zoneIds).toBe(1);

    const servers = await Promise.all(Array.from({ length: 20 }, () => get(gateway.opsUrl!, '/api/servers')));
    expect(JSON.parse(servers[0]!.text).servers).toEqual([expect.objectContaining({ serverId: 'zone-1', type: 'zone', players: 3 })]);
    expect(calls.listHeartbeats).toBe(2);

    await new Promise((resolve) => setTimeout(resolve, 1_050));
    await get(gateway.opsUrl!, '/api/zones');
    expect(calls.zoneIds).toBe(2);
  });
});
