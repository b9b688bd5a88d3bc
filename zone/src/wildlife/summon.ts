import type { SpawnRuleRecord, SpeciesRecord } from '@aether/shared/db';
import type { Creature } from './behaviour.js';
import type { CreatureCombat } from './creature-combat.js';
import { armament } from './spawning.js';

/** Metres around the point an admin summoned a creature at: where it wanders and whence it leashes. */
const SUMMON_RADIUS = 10;

/**
 * A creature an admin's /spawn made (zone/src/server/effects/admin-actions.ts):
 * a rule of its own, one creature in a small region around `at`, at a fixed
 * level. The wildlife system runs its mind like any other's and clears its
 * body away after death; nothing respawns it.
 */
export function summonCreature(
  species: SpeciesRecord,
  level: number,
  at: { zoneId: string; x: number; y: number },
  id: string,
  combat: CreatureCombat,
): Creature {
  const rule: SpawnRuleRecord = {
    id: `summoned:${id}`,
    zoneId: at.zoneId,
    species,
    count: 1,
    minLevel: level,
    maxLevel: level,
    region: { minX: at.x - SUMMON_RADIUS, minY: at.y - SUMMON_RADIUS, maxX: at.x + SUMMON_RADIUS, maxY: at.y + SUMMON_RADIUS },
    respawnSeconds: 0,
  };
  const creature: Creature = {
    id,
    kind: 'wildlife',
    name: species.name,
    x: at.x,
    y: at.y,
    z: 0,
    heading: 0,
    maxSpeed: species.wanderSpeed,
    intent: { kind: 'idle' },
    // bornAt 0 and the level fixed by its rule: a summoned creature does not grow.
    wildlife: { ruleId: rule.id, speciesId: species.id, slot: 0, level, spawnLevel: level, bornAt: 0, mode: { kind: 'wander' }, summoned: rule },
  };
  return combat.arm(creature, armament(rule, level)) as Creature;
}
