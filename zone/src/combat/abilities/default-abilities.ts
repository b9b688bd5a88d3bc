import type { AbilityDefinition, AbilityEffect, Cost } from './ability-definition.js';

type Spec = Omit<AbilityDefinition, 'cost' | 'description' | 'castTime' | 'cooldown'> & {
  description: string;
  castTime?: number;
  cooldown: number;
  cost: Partial<Cost>;
};

function ability(spec: Spec): AbilityDefinition {
  return { ...spec, castTime: spec.castTime ?? 0, cost: { atb: 0, stamina: 0, mana: 0, ...spec.cost } };
}

const damage = (power: number, stat: 'strength' | 'agility' | 'intellect', scaling: number): AbilityEffect => ({ kind: 'damage', power, stat, scaling });
const status = (kind: 'haste' | 'slow' | 'stun', duration: number, magnitude = 1): AbilityEffect => ({ kind: 'status', status: kind, duration, magnitude });

const MELEE = 2.5;

/**
 * The abilities the game ships with. The database seed (shared/src/db/seed-combat.ts)
 * holds the same rows; definitions in the database override these by id, so
 * designers tune them there without a release.
 */
export const DEFAULT_ABILITIES: readonly AbilityDefinition[] = [
  ability({
    id: 'first-aid',
    name: 'First Aid',
    description: 'Bind your wounds.',
    archetype: null,
    level: 1,
    target: 'self',
    effect: { kind: 'heal', power: 15, stat: 'intellect', scaling: 0.5 },
    range: 0,
    castTime: 2,
    cooldown: 20,
    cost: { atb: 30, stamina: 10 },
  }),
  ability({
    id: 'power-strike',
    name: 'Power Strike',
    description: 'A heavy two-handed blow.',
    archetype: 'warrior',
    level: 1,
    target: 'enemy',
    effect: damage(12, 'strength', 1),
    range: MELEE,
    cooldown: 6,
    cost: { atb: 40, stamina: 15 },
  }),
  ability({
    id: 'shield-bash',
    name: 'Shield Bash',
    description: 'Stun the target for 2 s.',
    archetype: 'warrior',
    level: 3,
    target: 'enemy',
    effect: status('stun', 2),
    range: MELEE,
    cooldown: 15,
    cost: { atb: 50, stamina: 20 },
  }),
  ability({
    id: 'battle-cry',
    name: 'Battle Cry',
    description: 'Haste yourself (ATB ×1.5) for 10 s.',
    archetype: 'warrior',
    level: 5,
    target: 'self',
    effect: status('haste', 10, 1.5),
    range: 0,
    cooldown: 30,
    cost: { atb: 30, stamina: 25 },
  }),
  ability({
    id: 'aimed-shot',
    name: 'Aimed Shot',
    description: 'A careful shot that takes 1.5 s to line up.',
    archetype: 'ranger',
    level: 1,
    target: 'enemy',
    effect: damage(10, 'agility', 1),
    range: 30,
    castTime: 1.5,
    cooldown: 5,
    cost: { atb: 40, stamina: 15 },
  }),
  ability({
    id: 'crippling-shot',
    name: 'Crippling Shot',
    description: 'Slow the target (ATB ×0.5) for 8 s.',
    archetype: 'ranger',
    level: 3,
    target: 'enemy',
    effect: status('slow', 8, 0.5),
    range: 30,
    cooldown: 12,
    cost: { atb: 30, stamina: 15 },
  }),
  ability({
    id: 'quickstep',
    name: 'Quickstep',
    description: 'Haste yourself (ATB ×1.5) for 10 s.',
    archetype: 'ranger',
    level: 5,
    target: 'self',
    effect: status('haste', 10, 1.5),
    range: 0,
    cooldown: 30,
    cost: { atb: 30, stamina: 20 },
  }),
  ability({
    id: 'firebolt',
    name: 'Firebolt',
    description: 'Hurl fire; 2 s to cast.',
    archetype: 'mage',
    level: 1,
    target: 'enemy',
    effect: damage(14, 'intellect', 1.2),
    range: 25,
    castTime: 2,
    cooldown: 3,
    cost: { atb: 40, mana: 20 },
  }),
  ability({
    id: 'frost-grip',
    name: 'Frost Grip',
    description: 'Slow the target (ATB ×0.5) for 8 s.',
    archetype: 'mage',
    level: 3,
    target: 'enemy',
    effect: status('slow', 8, 0.5),
    range: 25,
    castTime: 1,
    cooldown: 12,
    cost: { atb: 30, mana: 15 },
  }),
  ability({
    id: 'haste',
    name: 'Haste',
    description: 'Haste yourself (ATB ×1.5) for 10 s.',
    archetype: 'mage',
    level: 5,
    target: 'self',
    effect: status('haste', 10, 1.5),
    range: 0,
    castTime: 1,
    cooldown: 30,
    cost: { atb: 30, mana: 30 },
  }),
];
