import { jest } from '@jest/globals';
import { waitFor } from '@aether/testing';
import { OperatorWorld, secs, worldManifest } from './harness/world.js';

jest.setTimeout(240_000);

/**
 * A zone removed from the spec on real zone servers: without a tombstone its
 * owner would read the vanished record as a Redis flush and simulate it on.
 * With one it hands the zone off, and the operator then deletes the record.
 */
describe('a zone removed from the spec is released', () => {
  const ns = 'op-tombstone';
  let world: OperatorWorld;
  const log = (line: string) => process.stdout.write(`  ⏱ ${line}\n`);

  beforeAll(async () => {
    world = await OperatorWorld.start(ns);
    await world.operator('op-tombstone');
  });

  afterAll(async () => {
    await world?.saveLogs().catch(() => undefined);
    await world?.close();
  });

  it('its owner stops simulating it, then the tombstone and the status entry go', async () => {
    await world.apply(worldManifest('world'));
    await waitFor(async () => (await world.kube.pods(ns, 'world')).filter((p) => p.status?.phase === 'Running').length === 2, {
      timeoutMs: 60_000,
      intervalMs: 100,
      message: 'pods Running (kwok)',
    });
    await Promise.all([world.zoneServer('world-0'), world.zoneServer('world-1')]);
    const owned = await world.waitConverged('world', ['world-0', 'world-1'], 60_000);
    const owner = owned.get('zone-city')!.server;

    const removed = Date.now();
    await world.apply(worldManifest('world', { zones: [{ id: 'zone-crossroads', weight: 2 }, { id: 'zone-forest' }] }));
    let sawTombstone = false;
    await waitFor(
      async () => {
        const record = (await world.redisAssignments()).get('zone-city');
        if (record?.serverId === '(released)') sawTombstone = true;
        const simulating = ((
          await world
            .zoneServerNamed(owner)!
            .health()
            .catch(() => null)
        )?.zones ?? []) as string[];
        const za = await world.za('world');
        return !simulating.includes('zone-city') && record === undefined && (za.status.removedZones ?? []).length === 0;
      },
      { timeoutMs: 60_000, intervalMs: 100, message: `${owner} lets go of zone-city; its record and status entry go` },
    );
    log(`zone removed → released and cleaned up ${secs(Date.now() - removed)} (tombstone seen: ${sawTombstone})`);

    const reasons = (await world.kube.events(ns, 'world')).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['ZoneRemoved', 'ZoneReleased']));
    // The other zones stayed where they were.
    const after = await world.za('world');
    expect(after.status.assignments.map((a: { zoneId: string }) => a.zoneId).sort()).toEqual(['zone-crossroads', 'zone-forest']);
  });
});
