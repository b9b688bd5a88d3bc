import { jest } from '@jest/globals';
import { InMemoryBus, Registry } from '@aether/shared';
import { createLogger } from '@aether/shared/observability';
import { waitFor } from '@aether/testing';
import { liveZones } from '../src/http/live-zones.js';
import { runsWhileLeased, ZoneWaiters } from '../src/session/zone-waiters.js';
import { startBareGateway, type BareGateway } from './gateway-fixture.js';

jest.setTimeout(60_000);

/**
 * A select into a zone nobody simulates (no `zone:lease:{zoneId}`) is refused
 * with `zone_unavailable` instead of answering ok and leaving the client
 * waiting for a world that never comes; when a server claims the zone, the
 * client gets `zone_available` and its next select enters.
 */
describe('selecting a character whose zone nobody simulates', () => {
  let gateway: BareGateway;
  let registry: Registry;
  let zoneWaiters: ZoneWaiters;

  beforeAll(async () => {
    registry = new Registry(new InMemoryBus({ source: 'registry' }), () => undefined);
    const logger = createLogger({ level: 'silent' });
    const isRunning = runsWhileLeased(registry);
    zoneWaiters = new ZoneWaiters({ isRunning, logger, everyMs: 100 });
    // As gateway-main wires them: /api/info lists the zones with a live lease.
    const zones = liveZones({ zoneIds: async () => ['zone-crossroads', 'zone-forest', 'zone-city'], isRunning, logger, ttlMs: 0 });
    gateway = await startBareGateway({ zoneWaiters, facts: { zones } });
  });

  afterAll(() => gateway?.close());

  it('is refused with zone_unavailable, and the client is told when the zone runs again', async () => {
    const client = await gateway.connect('nozone');
    const created = await client.request('character_create', { name: 'Stranded' });
    expect(created.ok).toBe(true);
    const { id: characterId, zoneId } = created.character as { id: string; zoneId: string };
    const error = client.next('error');

    const refused = await client.request('character_select', { characterId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'zone_unavailable' } });
    expect(refused.error.message).toContain(zoneId);
    expect(await error).toMatchObject({ code: 'zone_unavailable' });
    // Nothing was sent to the zone, and the character is not in the world: a move is refused.
    expect(gateway.zones.count('player.join', characterId)).toBe(0);
    expect(await client.request('character_list')).toMatchObject({ ok: true });
    const moved = client.next('error');
    client.socket.emit('move', { stop: true });
    expect(await moved).toMatchObject({ code: 'not_in_world' });

    const available = client.next('zone_available', () => true, 10_000);
    await registry.acquireLease(zoneId, { serverId: 'zone-9', epoch: 1 }, 15_000);
    expect(await available).toMatchObject({ zoneId });

    const selected = await client.request('character_select', { characterId });
    expect(selected.ok).toBe(true);
    await waitFor(() => gateway.zones.count('player.join', characterId) === 1, { message: 'the join to reach the zone' });
  });

  it('forgets the wait of a client that went away', async () => {
    const client = await gateway.connect('leaver');
    const created = await client.request('character_create', { name: 'Leaver' });
    const zoneId = created.character.zoneId as string;
    await registry.releaseLease(zoneId, { serverId: 'zone-9', epoch: 1 });
    const refused = await client.request('character_select', { characterId: created.character.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'zone_unavailable' } });
    expect(zoneWaiters.size).toBe(1);
    client.close();
    await waitFor(() => zoneWaiters.size === 0, { message: 'the wait to be cancelled on disconnect' });
  });

  it('/api/info lists the zones a server simulates now', async () => {
    await registry.acquireLease('zone-city', { serverId: 'zone-9', epoch: 5 }, 15_000);
    await registry.releaseLease('zone-forest', { serverId: 'zone-9', epoch: 1 });
    const info = await (await fetch(`${gateway.url}/api/info`)).json();
    expect(info.zones).toContain('zone-city');
    expect(info.zones).not.toContain('zone-forest');
  });
});
