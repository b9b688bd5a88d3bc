import { InMemoryBus, Keys, type CombatSnapshot } from '@aether/shared';
import { createLogger } from '@aether/shared/observability';
import { CombatRelog } from './combat-relog.js';
import { FightCheckpoint, isRunning } from './fight-checkpoint.js';
import type { ZoneRuntime } from './zone-runtime.js';

const logger = createLogger({ level: 'silent', base: {}, pretty: false });
const AT_REST: CombatSnapshot = { atb: 100, inCombat: false, autoAttacking: false, swingIn: 0, regenIn: 0.5, cooldowns: {}, effects: [] };
const FIGHTING: CombatSnapshot = { ...AT_REST, atb: 40, inCombat: true, hostileAgo: 1, cooldowns: { 'first-aid': 15 } };

/** A zone with these players (character id → fight), all on one gateway. */
function zone(fights: Map<string, CombatSnapshot>): ZoneRuntime {
  const fake = { playersByGateway: () => new Map([['gw-1', [...fights.keys()]]]), combatOf: (id: string) => fights.get(id) };
  return fake as unknown as ZoneRuntime;
}

function setup(windowS = 60) {
  let now = 5_000_000;
  const bus = new InMemoryBus({ source: 'zone', now: () => now });
  const relog = new CombatRelog({ bus, windowS, clock: () => now, logger });
  const record = async (key: string) => {
    const text = await bus.get(Keys.combatRelog(key));
    return text === null ? null : JSON.parse(text);
  };
  return { bus, relog, fights: new FightCheckpoint(relog), record, advance: (ms: number) => void (now += ms) };
}

describe('FightCheckpoint', () => {
  it('keeps every fight where a relog finds it, with the time taken, and skips players at rest', async () => {
    const { fights, relog, record, advance } = setup();
    await fights.record([
      zone(
        new Map([
          ['ann', FIGHTING],
          ['bob', AT_REST],
        ]),
      ),
      zone(new Map([['cy', { ...AT_REST, effects: [{ kind: 'slow', magnitude: 0.5, remaining: 9, sourceId: 'w:1' }] }]])),
    ]);
    expect(await record('ann')).toEqual({ savedAt: 5_000_000, combat: FIGHTING });
    expect(await record('bob')).toBeNull();
    expect((await record('cy')).combat.effects).toHaveLength(1);
    // The server dies; whoever takes the zone over gets the fight, the time since subtracted when restored.
    advance(4_000);
    expect(await relog.take('ann')).toEqual({ snapshot: FIGHTING, elapsed: 4 });
  });

  it('drops the record of a player who fought and is at rest now, so no stale fight (or death) comes back', async () => {
    const { fights, record } = setup();
    const players = new Map([['ann', { ...AT_REST, diedAgo: 2 }]]);
    await fights.record([zone(players)]);
    expect(await record('ann')).not.toBeNull();
    players.set('ann', AT_REST);
    await fights.record([zone(players)]);
    expect(await record('ann')).toBeNull();
  });

  it('leaves alone the record of a player no longer here: its leave or its next zone wrote it', async () => {
    const { fights, relog, record } = setup();
    await fights.record([zone(new Map([['ann', FIGHTING]]))]);
    const left = { ...FIGHTING, atb: 70 };
    await relog.keep('ann', left);
    await fights.record([zone(new Map())]);
    expect((await record('ann')).combat).toEqual(left);
  });

  it('keeps nothing with a relog window of 0', async () => {
    const { fights, record } = setup(0);
    await fights.record([zone(new Map([['ann', FIGHTING]]))]);
    expect(await record('ann')).toBeNull();
  });

  it('sends every command before awaiting any reply (one round trip), and a failing write does not throw', async () => {
    const { bus, fights } = setup();
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const set = bus.set.bind(bus);
    bus.set = (key, value, options) => {
      sent.push(key);
      return held.then(() => (key.endsWith('bob') ? Promise.reject(new Error('down')) : set(key, value, options)));
    };
    const done = fights.record([
      zone(
        new Map([
          ['ann', FIGHTING],
          ['bob', FIGHTING],
        ]),
      ),
    ]);
    expect(sent).toEqual([Keys.combatRelog('ann'), Keys.combatRelog('bob')]);
    release();
    await expect(done).resolves.toBeUndefined();
  });
});

describe('isRunning', () => {
  it('is true for a fight, a death, a cast, a cooldown or an effect, false at rest', () => {
    expect(isRunning(AT_REST)).toBe(false);
    expect(isRunning({ ...AT_REST, inCombat: true })).toBe(true);
    expect(isRunning({ ...AT_REST, diedAgo: 1 })).toBe(true);
    expect(isRunning({ ...AT_REST, refund: { stamina: 5, mana: 0 } })).toBe(true);
    expect(isRunning({ ...AT_REST, cooldowns: { 'first-aid': 3 } })).toBe(true);
  });
});
