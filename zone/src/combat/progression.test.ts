import { DEFAULT_COMBAT_RULES } from './combat-rules.js';
import { grow, levelForXp, splitXp, xpToReach } from './progression.js';

describe('levels', () => {
  it.each([
    [0, 1],
    [99, 1],
    [100, 2],
    [299, 2],
    [300, 3],
    [600, 4],
    [1000, 5],
    [10_000_000, 50],
  ])('%d xp is level %d', (xp, level) => {
    expect(levelForXp(xp, DEFAULT_COMBAT_RULES)).toBe(level);
  });

  it('each level costs 100 more than the last', () => {
    expect([2, 3, 4, 5].map((level) => xpToReach(level, DEFAULT_COMBAT_RULES) - xpToReach(level - 1, DEFAULT_COMBAT_RULES))).toEqual([100, 200, 300, 400]);
  });
});

describe('splitXp', () => {
  it.each<[string, number, Array<[string, number]>, Record<string, number>]>([
    ['one attacker takes all', 40, [['a', 12]], { a: 40 }],
    [
      'proportional to damage',
      30,
      [
        ['a', 20],
        ['b', 10],
      ],
      { a: 20, b: 10 },
    ],
    [
      'whole points that add up to the total',
      10,
      [
        ['a', 1],
        ['b', 1],
        ['c', 1],
      ],
      { a: 4, b: 3, c: 3 },
    ],
    [
      'largest remainder gets the spare point',
      10,
      [
        ['a', 1],
        ['b', 2],
      ],
      { a: 3, b: 7 },
    ],
    [
      'no damage, no share',
      20,
      [
        ['a', 5],
        ['b', 0],
      ],
      { a: 20 },
    ],
    ['nobody', 20, [], {}],
  ])('%s', (_name, total, contributions, expected) => {
    const shares = splitXp(total, contributions);
    expect(Object.fromEntries(shares)).toEqual(expected);
    if (contributions.some(([, damage]) => damage > 0)) expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(total);
  });
});

describe('grow', () => {
  const stats = { strength: 10, agility: 10, intellect: 10, speed: 10 };
  const resources = { hp: 3, maxHp: 100, stamina: 0, maxStamina: 50, mana: 5, maxMana: 20 };

  it.each([
    ['warrior', 1, { strength: 12, agility: 11, intellect: 10, speed: 10 }, { maxHp: 112, maxStamina: 56, maxMana: 22 }],
    ['ranger', 1, { strength: 11, agility: 12, intellect: 10, speed: 11 }, { maxHp: 109, maxStamina: 57, maxMana: 23 }],
    ['mage', 2, { strength: 10, agility: 12, intellect: 14, speed: 10 }, { maxHp: 112, maxStamina: 56, maxMana: 40 }],
  ] as const)('a %s gaining %d level(s)', (archetype, levels, grownStats, maxima) => {
    const grown = grow(archetype, stats, resources, levels, DEFAULT_COMBAT_RULES);
    expect(grown.stats).toEqual(grownStats);
    expect(grown.resources).toEqual({ hp: maxima.maxHp, stamina: maxima.maxStamina, mana: maxima.maxMana, ...maxima });
  });
});
