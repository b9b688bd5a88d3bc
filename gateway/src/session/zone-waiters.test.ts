import { createLogger } from '@aether/shared/observability';
import { ZoneWaiters } from './zone-waiters.js';

describe('ZoneWaiters', () => {
  const logger = createLogger({ level: 'silent' });

  it('tells each waiter once when its zone runs, looking only at zones someone waits for', async () => {
    const running = new Set<string>();
    const asked: string[] = [];
    const waiters = new ZoneWaiters({
      isRunning: async (zoneId) => {
        asked.push(zoneId);
        return running.has(zoneId);
      },
      logger,
    });
    const told: string[] = [];
    waiters.wait('zone-city', () => told.push('a'));
    waiters.wait('zone-city', () => told.push('b'));
    waiters.wait('zone-forest', () => told.push('c'));
    await waiters.check();
    expect(told).toEqual([]);
    expect(asked.sort()).toEqual(['zone-city', 'zone-forest']);
    running.add('zone-city');
    await waiters.check();
    expect(told).toEqual(['a', 'b']);
    expect(waiters.size).toBe(1);
    await waiters.check();
    expect(told).toEqual(['a', 'b']);
  });

  it('forgets a cancelled wait', async () => {
    const waiters = new ZoneWaiters({ isRunning: async () => true, logger });
    let told = 0;
    const cancel = waiters.wait('zone-city', () => (told += 1));
    cancel();
    expect(waiters.size).toBe(0);
    await waiters.check();
    expect(told).toBe(0);
  });

  it('keeps the waiters when the registry cannot answer', async () => {
    const waiters = new ZoneWaiters({ isRunning: async () => Promise.reject(new Error('Redis get failed')), logger });
    waiters.wait('zone-city', () => undefined);
    await waiters.check();
    expect(waiters.size).toBe(1);
  });
});
