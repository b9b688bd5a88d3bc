import { DamageCalculator, type Attack } from './damage-calculator.js';
import { seeded, sequence, STATS } from './combat-fixtures.test-helpers.js';

const even: Attack = {
  attacker: { stats: STATS, level: 1 },
  defender: { stats: STATS, level: 1 },
  minDamage: 5,
  maxDamage: 9,
  bonus: 5,
};
const calculator = new DamageCalculator();

describe('DamageCalculator', () => {
  // Rolls in order: hit, damage, critical, penetrating, deflected, glancing.
  // Equal fighters (all stats 10, level 1): hit 85 %, critical 10 %, penetrating 7.5 %, deflected 7.5 %, glancing 10 %.
  it.each([
    ['a hit roll at or above the chance misses', [0.85, 0, 0.5, 0.5, 0.5, 0.5], { hit: false }],
    ['a plain hit: lowest roll 5 + bonus 5', [0.5, 0, 0.5, 0.5, 0.5, 0.5], { hit: true, amount: 10, flags: [] }],
    ['the highest damage roll', [0.5, 0.99, 0.5, 0.5, 0.5, 0.5], { hit: true, amount: 14, flags: [] }],
    ['critical ×2', [0.5, 0, 0.05, 0.5, 0.5, 0.5], { hit: true, amount: 20, flags: ['critical'] }],
    ['penetrating ×1.25', [0.5, 0, 0.5, 0.01, 0.5, 0.5], { hit: true, amount: 13, flags: ['penetrating'] }],
    ['deflected ×0.5', [0.5, 0, 0.5, 0.5, 0.01, 0.5], { hit: true, amount: 5, flags: ['deflected'] }],
    ['glancing ×0.7', [0.5, 0, 0.5, 0.5, 0.5, 0.01], { hit: true, amount: 7, flags: ['glancing'] }],
    ['a critical is never a glance', [0.5, 0, 0.05, 0.5, 0.5, 0.01], { hit: true, amount: 20, flags: ['critical'] }],
    ['a penetrating blow is never deflected', [0.5, 0, 0.5, 0.01, 0.01, 0.5], { hit: true, amount: 13, flags: ['penetrating'] }],
    ['critical and penetrating multiply', [0.5, 0, 0.05, 0.01, 0.5, 0.5], { hit: true, amount: 25, flags: ['critical', 'penetrating'] }],
    ['critical but deflected', [0.5, 0, 0.05, 0.5, 0.01, 0.5], { hit: true, amount: 10, flags: ['critical', 'deflected'] }],
    ['deflected and glancing', [0.5, 0, 0.5, 0.5, 0.01, 0.01], { hit: true, amount: 4, flags: ['deflected', 'glancing'] }],
  ])('%s', (_name, rolls, outcome) => {
    expect(calculator.resolve(even, sequence(rolls))).toEqual(outcome);
  });

  it('a hit always does at least 1 damage', () => {
    const feeble = { ...even, minDamage: 1, maxDamage: 1, bonus: 0 };
    expect(calculator.resolve(feeble, sequence([0.5, 0, 0.5, 0.5, 0.01, 0.01]))).toEqual({ hit: true, amount: 1, flags: ['deflected', 'glancing'] });
  });

  it.each([
    ['equal fighters', {}, {}, { hit: 0.85, critical: 0.1, penetrating: 0.075, deflected: 0.075, glancing: 0.1 }],
    ['a nimbler attacker hits and crits more', { agility: 20 }, {}, { hit: 0.95, critical: 0.15, penetrating: 0.075, deflected: 0.075, glancing: 0.1 }],
    ['a stronger defender deflects more', {}, { strength: 30 }, { hit: 0.85, critical: 0.1, penetrating: 0.075, deflected: 0.125, glancing: 0.1 }],
    ['hit chance is capped at 98 %', { agility: 200 }, {}, { hit: 0.98, critical: 1, penetrating: 0.075, deflected: 0.075, glancing: 0.1 }],
    ['and floored at 5 %', {}, { agility: 200 }, { hit: 0.05, critical: 0.1, penetrating: 0.075, deflected: 0.075, glancing: 0.1 }],
  ])('chances: %s', (_name, attacker, defender, chances) => {
    const result = calculator.chances({ attacker: { stats: { ...STATS, ...attacker }, level: 1 }, defender: { stats: { ...STATS, ...defender }, level: 1 } });
    for (const [key, value] of Object.entries(chances)) expect(result[key as keyof typeof result]).toBeCloseTo(value, 10);
  });

  it('a lower-level attacker misses more and glances more', () => {
    const result = calculator.chances({ attacker: { stats: STATS, level: 1 }, defender: { stats: STATS, level: 4 } });
    expect(result.hit).toBeCloseTo(0.79, 10);
    expect(result.glancing).toBeCloseTo(0.25, 10);
  });

  it('is deterministic for a seed and always draws six numbers', () => {
    const outcomes = (seed: number) => {
      const random = seeded(seed);
      return Array.from({ length: 200 }, () => calculator.resolve(even, random));
    };
    expect(outcomes(42)).toEqual(outcomes(42));
    expect(outcomes(42)).not.toEqual(outcomes(43));
    let draws = 0;
    const counting = () => (draws++, 0.99);
    calculator.resolve(even, counting);
    expect(draws).toBe(6);
  });

  it('gives every outcome over many seeded attacks, in plausible proportions', () => {
    const random = seeded(7);
    const counts = { miss: 0, critical: 0, penetrating: 0, deflected: 0, glancing: 0 };
    for (let i = 0; i < 10_000; i++) {
      const outcome = calculator.resolve(even, random);
      if (!outcome.hit) counts.miss++;
      else for (const flag of outcome.flags) counts[flag]++;
    }
    expect(counts.miss / 10_000).toBeCloseTo(0.15, 1);
    expect(counts.critical / 8_500).toBeCloseTo(0.1, 1);
    expect(counts.glancing).toBeGreaterThan(0);
    expect(counts.penetrating).toBeGreaterThan(0);
    expect(counts.deflected).toBeGreaterThan(0);
  });
});
