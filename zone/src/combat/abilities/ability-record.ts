import { Archetype } from '@aether/shared';
import type { AbilityRecord } from '@aether/shared/db';
import type { StatName } from '../combatant.js';
import type { AbilityDefinition, AbilityEffect } from './ability-definition.js';

const STATS: readonly string[] = ['strength', 'agility', 'intellect', 'speed'] satisfies StatName[];

export type RecordParse = { ok: true; ability: AbilityDefinition } | { ok: false; message: string };

/** A database row as a definition; rows a designer got wrong are refused with the reason instead of breaking a tick later. */
export function abilityFromRecord(row: AbilityRecord): RecordParse {
  const fail = (why: string): RecordParse => ({ ok: false, message: `ability "${row.id}": ${why}` });
  if (row.target !== 'enemy' && row.target !== 'self') return fail(`target "${row.target}" is neither "enemy" nor "self"`);
  let archetype: AbilityDefinition['archetype'] = null;
  if (row.archetype !== null) {
    const parsed = Archetype.safeParse(row.archetype);
    if (!parsed.success) return fail(`unknown archetype "${row.archetype}"`);
    archetype = parsed.data;
  }
  if (row.scalingStat !== null && !STATS.includes(row.scalingStat)) return fail(`unknown scaling stat "${row.scalingStat}"`);
  const stat = (row.scalingStat ?? undefined) as StatName | undefined;
  let effect: AbilityEffect;
  switch (row.effect) {
    case 'damage':
    case 'heal':
      effect = { kind: row.effect, power: row.power, stat, scaling: row.scaling };
      break;
    case 'haste':
    case 'slow':
    case 'stun':
      if (!(row.duration > 0)) return fail(`a ${row.effect} needs a duration > 0`);
      effect = { kind: 'status', status: row.effect, duration: row.duration, magnitude: row.magnitude };
      break;
    default:
      return fail(`unknown effect "${row.effect}"`);
  }
  for (const key of ['range', 'castTime', 'cooldown', 'atbCost', 'staminaCost', 'manaCost'] as const) {
    if (!(row[key] >= 0)) return fail(`${key} must be ≥ 0`);
  }
  if (row.atbCost > 100) return fail('atbCost is more than a full gauge (100)');
  return {
    ok: true,
    ability: {
      id: row.id,
      name: row.name,
      description: row.description,
      archetype,
      level: row.level,
      target: row.target,
      effect,
      range: row.range,
      castTime: row.castTime,
      cooldown: row.cooldown,
      cost: { atb: row.atbCost, stamina: row.staminaCost, mana: row.manaCost },
    },
  };
}

/** The definition as a database row (the seed and tests compare through this). */
export function abilityToRecord(ability: AbilityDefinition): AbilityRecord {
  const { effect } = ability;
  const scaled = effect.kind === 'status' ? undefined : effect;
  return {
    id: ability.id,
    name: ability.name,
    description: ability.description,
    archetype: ability.archetype,
    level: ability.level,
    target: ability.target,
    effect: effect.kind === 'status' ? effect.status : effect.kind,
    power: scaled?.power ?? 0,
    scalingStat: scaled?.stat ?? null,
    scaling: scaled?.scaling ?? 0,
    duration: effect.kind === 'status' ? effect.duration : 0,
    magnitude: effect.kind === 'status' ? effect.magnitude : 1,
    range: ability.range,
    castTime: ability.castTime,
    cooldown: ability.cooldown,
    atbCost: ability.cost.atb,
    staminaCost: ability.cost.stamina,
    manaCost: ability.cost.mana,
  };
}
