import { InMemoryBus, Keys, type CombatSnapshot } from '@aether/shared';
import { ConfigError } from '@aether/shared/config';
import { createLogger } from '@aether/shared/observability';
import { CombatRelog, combatRelogWindowS } from './combat-relog.js';

const logger = createLogger({ level: 'silent', base: {}, pretty: false });
const SNAPSHOT: CombatSnapshot = {
  atb: 40,
  inCombat: true,
  hostileAgo: 1,
  autoAttacking: false,
  swingIn: 0.5,
  regenIn: 1,
  cooldowns: { 'power-strike': 6 },
  effects: [{ kind: 'slow', magnitude: 0.5, remaining: 12, sourceId: 'w:1' }],
};

function setup(windowS = 60) {
  let now = 1_000_000;
  const clock = () => now;
  const bus = new InMemoryBus({ source: 'zone', now: clock });
  const warnings: string[] = [];
  const log = { ...logger, warn: (_context: unknown, message: string) => void warnings.push(message) } as unknown as typeof logger;
  const relog = new CombatRelog({ bus, windowS, clock, logger: log });
  return { bus, relog, warnings, advance: (ms: number) => void (now += ms) };
}

describe('CombatRelog', () => {
  it('gives the fight back once within the window, with the time away', async () => {
    const { relog, advance } = setup();
    await relog.keep('c1', SNAPSHOT);
    advance(20_000);
    expect(await relog.take('c1')).toEqual({ snapshot: SNAPSHOT, elapsed: 20 });
    // Taken: a second join (or a racing one) starts fresh.
    expect(await relog.take('c1')).toBeUndefined();
  });

  it('forgets it after the window', async () => {
    const { relog, advance } = setup(60);
    await relog.keep('c1', SNAPSHOT);
    advance(61_000);
    expect(await relog.take('c1')).toBeUndefined();
  });

  it('keeps it under combat:relog:{characterId} with the window as its TTL', async () => {
    const { bus, relog, advance } = setup(30);
    await relog.keep('c1', SNAPSHOT);
    expect(JSON.parse((await bus.get(Keys.combatRelog('c1')))!)).toEqual({ savedAt: 1_000_000, combat: SNAPSHOT });
    advance(30_001);
    expect(await bus.get(Keys.combatRelog('c1'))).toBeNull();
  });

  it('keeps nothing with a window of 0', async () => {
    const { bus, relog } = setup(0);
    await relog.keep('c1', SNAPSHOT);
    expect(await bus.get(Keys.combatRelog('c1'))).toBeNull();
    expect(await relog.take('c1')).toBeUndefined();
  });

  it('counts a malformed value as absent, and says so', async () => {
    const { bus, relog, warnings } = setup();
    await bus.set(Keys.combatRelog('c1'), JSON.stringify({ savedAt: 1, combat: { atb: 500 } }));
    await bus.set(Keys.combatRelog('c2'), 'not json');
    expect(await relog.take('c1')).toBeUndefined();
    expect(await relog.take('c2')).toBeUndefined();
    expect(warnings).toEqual(['ignoring a malformed value on the bus', 'ignoring a malformed value on the bus']);
  });

  it('never counts a negative time away (the leaving server’s clock ran ahead)', async () => {
    const { relog, advance } = setup();
    await relog.keep('c1', SNAPSHOT);
    advance(-2_000);
    expect(await relog.take('c1')).toEqual({ snapshot: SNAPSHOT, elapsed: 0 });
  });
});

describe('COMBAT_RELOG_WINDOW_S', () => {
  it('defaults to 60 s and takes 0 (off) to 3600', () => {
    expect(combatRelogWindowS({})).toBe(60);
    expect(combatRelogWindowS({ COMBAT_RELOG_WINDOW_S: '' })).toBe(60);
    expect(combatRelogWindowS({ COMBAT_RELOG_WINDOW_S: '0' })).toBe(0);
    expect(combatRelogWindowS({ COMBAT_RELOG_WINDOW_S: '3600' })).toBe(3600);
  });

  it.each(['-1', '3601', '1.5', 'soon'])('refuses %s, naming the variable', (value) => {
    expect(() => combatRelogWindowS({ COMBAT_RELOG_WINDOW_S: value })).toThrow(ConfigError);
    expect(() => combatRelogWindowS({ COMBAT_RELOG_WINDOW_S: value })).toThrow(/COMBAT_RELOG_WINDOW_S/);
  });
});
