import { describe, expect, it } from '@jest/globals';
import { planWorld } from './world-plan.js';

describe('planWorld', () => {
  it('gives each zone server its own zones, in order', () => {
    const world = planWorld({ zoneServers: 3, gateways: 2 }, 2, 180);
    expect(world.zoneServers).toEqual([
      { serverId: 'cap-zone-1', zones: ['cap-1', 'cap-2'] },
      { serverId: 'cap-zone-2', zones: ['cap-3', 'cap-4'] },
      { serverId: 'cap-zone-3', zones: ['cap-5', 'cap-6'] },
    ]);
    expect(world.gatewayIds).toEqual(['cap-gw-1', 'cap-gw-2']);
  });

  it('spreads the bots evenly over the zones, in contiguous blocks', () => {
    const world = planWorld({ zoneServers: 2, gateways: 2 }, 2, 120);
    const counts = new Map<string, number>();
    for (const zone of world.zoneOfBot) counts.set(zone, (counts.get(zone) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ 'cap-1': 30, 'cap-2': 30, 'cap-3': 30, 'cap-4': 30 });
    expect(world.zoneOfBot.slice(0, 30).every((zone) => zone === 'cap-1')).toBe(true);
  });

  it('puts players of every zone on every gateway (bot k goes through gateway k mod G)', () => {
    const gateways = 3;
    const world = planWorld({ zoneServers: 3, gateways }, 2, 180);
    const reached = new Map<string, Set<number>>();
    for (const [bot, zone] of world.zoneOfBot.entries()) reached.set(zone, (reached.get(zone) ?? new Set()).add(bot % gateways));
    for (const seen of reached.values()) expect(seen.size).toBe(gateways);
  });
});
