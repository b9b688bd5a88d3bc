import { InMemoryBroker, InMemoryBus } from '@aether/shared';
import { createLogger } from '@aether/shared/observability';
import { Registry } from 'prom-client';
import { defaultCommands } from '../commands/execute.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import type { System } from '../world/system.js';
import type { ZoneDef } from '../world/types.js';
import { progressHandlers } from './effects/progress.js';
import type { ChangeOrigin, ChangePart } from './ports.js';
import { ZoneMetrics } from './metrics.js';
import { ZoneHost } from './zone-host.js';

/** The zone host and the game-writes outbox: a lost zone's changes are dropped, a stopping host writes what it can. */
const west: ZoneDef = { id: 'zone-west', name: 'West', bounds: { minX: 0, minY: 0, maxX: 200, maxY: 200 }, spawn: { x: 100, y: 100 }, adjacent: [] };
const east: ZoneDef = { id: 'zone-east', name: 'East', bounds: { minX: 200, minY: 0, maxX: 400, maxY: 200 }, spawn: { x: 300, y: 100 }, adjacent: [] };

/** A system that makes one bag change per tick, as looting does. */
const looting: System = {
  name: 'looting',
  update: (world) => ({ world, outgoing: [], effects: [{ kind: 'inventory', characterId: 'ann', slot: 1, itemId: 'wolf-pelt', quantity: 1 }] }),
};

function setup() {
  const calls: string[] = [];
  const lost: string[] = [];
  const added: Array<[string, ChangeOrigin, ChangePart]> = [];
  const host = new ZoneHost({
    systemsFor: (zone) => (zone.id === 'zone-west' ? [looting] : []),
    effectHandlers: progressHandlers({ add: (id, origin, part) => void added.push([id, origin, part]) }),
    serverId: 's1',
    bus: new InMemoryBus({ source: 'zone' }, new InMemoryBroker()),
    characters: { load: async () => null, savePositions: async () => undefined },
    rules: DEFAULT_RULES,
    commands: defaultCommands(),
    tickRate: 20,
    checkpointIntervalMs: 60_000,
    metrics: new ZoneMetrics(new Registry()),
    logger: createLogger({ level: 'silent' }),
    onOwnershipLost: (zoneId) => void lost.push(zoneId),
    gameWrites: {
      flush: async () => true,
      dropZone: (zoneId, reason) => void calls.push(`drop ${zoneId} ${reason}`),
      stop: async () => void calls.push('stop'),
    },
  });
  return { host, calls, lost, added };
}

describe('ZoneHost game writes', () => {
  it('drops a lost zone’s unwritten changes, not a handed-off one’s', async () => {
    const { host, calls } = setup();
    await host.addZone(west, 3);
    await host.addZone(east, 4);
    await host.removeZone('zone-east', 'handoff');
    await host.removeZone('zone-west', 'lost');
    expect(calls).toEqual(['drop zone-west zone_lost']);
  });

  it('a fenced-off game write drops the zone as lost and says so, unless the zone is owned here again at a newer epoch', async () => {
    const { host, calls, lost } = setup();
    await host.addZone(west, 3);
    await host.zoneFencedOff('zone-west', 2); // a change from an earlier ownership: this one stands
    expect(host.zoneIds).toEqual(['zone-west']);
    await host.zoneFencedOff('zone-west', 3);
    await host.zoneFencedOff('zone-west', 3); // already gone: nothing more
    expect(host.zoneIds).toEqual([]);
    expect(calls).toEqual(['drop zone-west zone_lost']);
    expect(lost).toEqual(['zone-west']);
  });

  it('hands a tick’s game changes to the outbox with the zone’s epoch, the fence they are written under', async () => {
    const { host, added } = setup();
    await host.addZone(west, 7);
    await host.start();
    const deadline = Date.now() + 3_000;
    while (added.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await host.stop();
    expect(added[0]).toEqual(['ann', { zoneId: 'zone-west', epoch: 7 }, { slot: { slot: 1, itemId: 'wolf-pelt', quantity: 1 } }]);
  });

  it('stopping writes what the outbox holds', async () => {
    const { host, calls } = setup();
    await host.addZone(west, 3);
    await host.stop();
    expect(calls).toEqual(['stop']);
  });
});
