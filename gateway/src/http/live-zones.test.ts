import { createLogger } from '@aether/shared/observability';
import { liveZones } from './live-zones.js';

describe('liveZones (/api/info in distributed mode)', () => {
  const logger = createLogger({ level: 'silent' });

  it('lists the zones a server simulates now, reading the registry at most once per ttl', async () => {
    let now = 0;
    let reads = 0;
    const running = new Set(['zone-city']);
    const zones = liveZones({
      zoneIds: async () => ['zone-crossroads', 'zone-forest', 'zone-city'],
      isRunning: async (zoneId) => {
        reads += 1;
        return running.has(zoneId);
      },
      logger,
      ttlMs: 2_000,
      now: () => now,
    });
    expect(await zones()).toEqual(['zone-city']);
    running.add('zone-forest');
    now = 1_999;
    expect(await zones()).toEqual(['zone-city']);
    expect(reads).toBe(3);
    now = 2_000;
    expect(await zones()).toEqual(['zone-forest', 'zone-city']);
  });

  it('answers the last list when the registry cannot', async () => {
    let now = 0;
    let broken = false;
    const zones = liveZones({
      zoneIds: async () => ['zone-city'],
      isRunning: async () => {
        if (broken) throw new Error('Redis get failed');
        return true;
      },
      logger,
      ttlMs: 10,
      now: () => now,
    });
    expect(await zones()).toEqual(['zone-city']);
    broken = true;
    now = 100;
    expect(await zones()).toEqual(['zone-city']);
  });
});
