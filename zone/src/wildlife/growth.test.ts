import { levelAt, spawnLevel, statsAt } from './growth.js';

const wolf = {
  base: { hp: 55, strength: 11, agility: 12, intellect: 2, speed: 12 },
  perLevel: { hp: 9, strength: 1.2, agility: 1, intellect: 0, speed: 0.5 },
};

describe('growth', () => {
  it.each([
    [1, { hp: 55, strength: 11, agility: 12, intellect: 2, speed: 12 }],
    [2, { hp: 64, strength: 12, agility: 13, intellect: 2, speed: 13 }],
    [6, { hp: 100, strength: 17, agility: 17, intellect: 2, speed: 15 }],
  ])('statsAt level %i', (level, expected) => {
    expect(statsAt(wolf, level)).toEqual(expected);
  });

  it.each([
    ['newborn', 3, 0, 100, 6, 3],
    ['just short of a level', 3, 99.9, 100, 6, 3],
    ['one level', 3, 100, 100, 6, 4],
    ['two and a half levels', 3, 250, 100, 6, 5],
    ['capped at the rule maximum', 3, 10_000, 100, 6, 6],
    ['spawned at the maximum', 6, 10_000, 100, 6, 6],
    ['no growth rate', 2, 10_000, 0, 6, 2],
  ])('levelAt: %s', (_, start, age, secondsPerLevel, max, expected) => {
    expect(levelAt(start, age, secondsPerLevel, max)).toBe(expected);
  });

  it.each([
    [0, 3],
    [0.24, 3],
    [0.25, 4],
    [0.999, 6],
  ])('spawnLevel draws %p in [3, 6] as %i', (draw, expected) => {
    expect(spawnLevel(3, 6, () => draw)).toBe(expected);
  });
});
