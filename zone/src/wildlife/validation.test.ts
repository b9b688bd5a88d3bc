import type { SpawnRuleRecord } from '@aether/shared/db';
import { testRule, testSpecies } from './wildlife.test-helpers.js';
import { spawnRuleProblems, spawnTablesOf } from './validation.js';

describe('spawn rule validation', () => {
  it.each<[string, Partial<SpawnRuleRecord>, RegExp | null]>([
    ['a good rule', {}, null],
    ['count zero is allowed (a rule switched off)', { count: 0 }, null],
    ['negative count', { count: -1 }, /count/],
    ['fractional count', { count: 1.5 }, /count/],
    ['levels reversed', { minLevel: 5, maxLevel: 2 }, /levels/],
    ['level zero', { minLevel: 0 }, /levels/],
    ['inverted region', { region: { minX: 10, minY: 0, maxX: 0, maxY: 10 } }, /region/],
    ['negative respawn', { respawnSeconds: -1 }, /respawnSeconds/],
    ['a species that cannot move', { species: testSpecies({ runSpeed: 0 }) }, /runSpeed/],
    ['a species with no hp', { species: testSpecies({ base: { hp: 0, strength: 1, agility: 1, intellect: 1, speed: 1 } }) }, /hp/],
  ])('%s', (_, change, problem) => {
    const problems = spawnRuleProblems(testRule(change));
    if (problem === null) expect(problems).toEqual([]);
    else expect(problems.join(' ')).toMatch(problem);
  });

  it('groups good rules by zone and reports the bad ones', () => {
    const reported: string[] = [];
    const tables = spawnTablesOf(
      [
        testRule({ id: 'a', zoneId: 'z1' }),
        testRule({ id: 'bad', zoneId: 'z1', count: -2 }),
        testRule({ id: 'b', zoneId: 'z2' }),
        testRule({ id: 'c', zoneId: 'z1' }),
      ],
      (id) => reported.push(id),
    );
    expect([...tables].map(([zone, rules]) => [zone, rules.map((r) => r.id)])).toEqual([
      ['z1', ['a', 'c']],
      ['z2', ['b']],
    ]);
    expect(reported).toEqual(['bad']);
  });
});
