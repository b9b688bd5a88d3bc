import type { SpawnRuleRecord } from '@aether/shared/db';
import type { Armament, CreatureCombat } from './creature-combat.js';
import { creatureId } from './creature.js';
import type { Creature } from './behaviour.js';
import { spawnLevel, statsAt } from './growth.js';
import { randomPointIn } from './region.js';
import type { WildlifeTuning } from './tuning.js';

export function armament(rule: SpawnRuleRecord, level: number): Armament {
  const { species } = rule;
  return { stats: statsAt(species, level), weapon: species.weapon, level, temperament: species.temperament, loot: species.loot };
}

/** A newborn creature at a random point of its rule's region, at a random level of the rule's range, resting a moment first. */
export function spawnCreature(
  rule: SpawnRuleRecord,
  slot: number,
  generation: number,
  now: number,
  random: () => number,
  combat: CreatureCombat,
  tuning: WildlifeTuning,
): Creature {
  const { x, y } = randomPointIn(rule.region, random);
  const level = spawnLevel(rule.minLevel, rule.maxLevel, random);
  const creature: Creature = {
    id: creatureId(rule.id, slot, generation),
    kind: 'wildlife',
    name: rule.species.name,
    x,
    y,
    z: 0,
    heading: Math.floor(random() * 360),
    maxSpeed: rule.species.wanderSpeed,
    intent: { kind: 'idle' },
    wildlife: {
      ruleId: rule.id,
      speciesId: rule.species.id,
      slot,
      level,
      spawnLevel: level,
      bornAt: now,
      mode: { kind: 'rest', until: now + random() * tuning.restSeconds.max },
    },
  };
  return combat.arm(creature, armament(rule, level)) as Creature;
}
