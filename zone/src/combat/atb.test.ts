import { atbRate, fillAtb } from './atb.js';
import { DEFAULT_COMBAT_RULES } from './combat-rules.js';
import type { StatusEffect } from './combatant.js';
import { DT, fighter, get, run, worldOf } from './combat-fixtures.test-helpers.js';

const status = (kind: StatusEffect['kind'], magnitude = 1): StatusEffect => ({ kind, magnitude, expiresAt: 1e9, sourceId: 'x' });

describe('ATB rate', () => {
  it.each([
    ['speed 10: 20/s', 10, [], 20],
    ['speed 20: 40/s', 20, [], 40],
    ['speed 10, haste ×1.5: 30/s', 10, [status('haste', 1.5)], 30],
    ['speed 10, slow ×0.5: 10/s', 10, [status('slow', 0.5)], 10],
    ['speed 10, haste and slow: 15/s', 10, [status('haste', 1.5), status('slow', 0.5)], 15],
    ['speed 10, stunned: 0/s', 10, [status('stun')], 0],
  ])('%s', (_name, speed, effects, rate) => {
    expect(atbRate({ strength: 10, agility: 10, intellect: 10, speed }, effects as StatusEffect[], DEFAULT_COMBAT_RULES)).toBe(rate);
  });

  it('fillAtb caps at 100 and adds up exactly over many ticks', () => {
    let atb = 0;
    for (let i = 0; i < 20; i++) atb = fillAtb(atb, 20, DT);
    expect(atb).toBe(20);
    expect(fillAtb(95, 20, 1)).toBe(100);
  });
});

describe('ATB in the simulation', () => {
  /** Ticks until the gauge is full, from empty. */
  function ticksToFill(effects: StatusEffect[], speed: number): number {
    const start = fighter('ann', 10, 10, { stats: { speed } });
    let world = worldOf({ ...start, combat: { ...start.combat, state: { ...start.combat.state, effects } } });
    for (let tick = 1; tick <= 400; tick++) {
      world = run(world, 1).world;
      if (get(world, 'c:ann').combat.state.atb >= 100) return tick;
    }
    return Infinity;
  }

  it.each([
    ['speed 10 fills in 5 s (100 ticks)', 10, [], 100],
    ['speed 20 fills in 2.5 s (50 ticks)', 20, [], 50],
    ['speed 10 with haste ×1.5 fills in 3.35 s (67 ticks)', 10, [status('haste', 1.5)], 67],
    ['speed 10 with slow ×0.5 fills in 10 s (200 ticks)', 10, [status('slow', 0.5)], 200],
    ['a stunned fighter never fills', 10, [status('stun')], Infinity],
  ])('%s', (_name, speed, effects, ticks) => {
    expect(ticksToFill(effects as StatusEffect[], speed)).toBe(ticks);
  });

  it('haste wears off at its expiry time and the rate drops back', () => {
    const start = fighter('ann', 10, 10);
    const hasted = { ...start, combat: { ...start.combat, state: { ...start.combat.state, effects: [{ ...status('haste', 1.5), expiresAt: 1 }] } } };
    const { world, outgoing } = run(worldOf(hasted), 40);
    // 1 s at 30/s, then 1 s at 20/s.
    expect(get(world, 'c:ann').combat.state.atb).toBeCloseTo(50, 5);
    expect(outgoing.some((o) => o.event === 'event' && o.data.text === 'Your haste wears off.')).toBe(true);
  });
});
