import type { SpawnRuleRecord } from '@aether/shared/db';

/** What is wrong with a spawn rule from the database, if anything; the zone skips rules it cannot run. */
export function spawnRuleProblems(rule: SpawnRuleRecord): string[] {
  const problems: string[] = [];
  const { species, region } = rule;
  if (!Number.isInteger(rule.count) || rule.count < 0) problems.push(`count must be a whole number ≥ 0 (is ${rule.count})`);
  if (rule.minLevel < 1 || rule.maxLevel < rule.minLevel) problems.push(`levels must satisfy 1 ≤ min ≤ max (are ${rule.minLevel}..${rule.maxLevel})`);
  if (!(region.minX <= region.maxX && region.minY <= region.maxY)) problems.push('the region has min above max');
  if (!(rule.respawnSeconds >= 0)) problems.push(`respawnSeconds must be ≥ 0 (is ${rule.respawnSeconds})`);
  for (const [name, value] of [
    ['wanderSpeed', species.wanderSpeed],
    ['runSpeed', species.runSpeed],
    ['perception', species.perception],
  ] as const) {
    if (!(value > 0)) problems.push(`species ${species.id}: ${name} must be > 0 (is ${value})`);
  }
  if (!(species.weapon.minDamage <= species.weapon.maxDamage)) problems.push(`species ${species.id}: minDamage above maxDamage`);
  if (!(species.base.hp > 0)) problems.push(`species ${species.id}: hp must be > 0`);
  return problems;
}

/** The rules, by zone, that the zone can run; each rejected rule is reported once. */
export function spawnTablesOf(rules: readonly SpawnRuleRecord[], onProblem: (ruleId: string, problem: string) => void): Map<string, SpawnRuleRecord[]> {
  const tables = new Map<string, SpawnRuleRecord[]>();
  for (const rule of rules) {
    const problems = spawnRuleProblems(rule);
    if (problems.length > 0) {
      onProblem(rule.id, problems.join('; '));
      continue;
    }
    tables.set(rule.zoneId, [...(tables.get(rule.zoneId) ?? []), rule]);
  }
  return tables;
}
