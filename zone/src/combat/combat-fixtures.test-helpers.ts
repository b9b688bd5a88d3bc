import type { Resources } from '@aether/shared';
import { defaultCommands } from '../commands/execute.js';
import { player, testZone } from '../world/fixtures.test-helpers.js';
import { DEFAULT_RULES } from '../rules/rules.js';
import { step } from '../simulation/step.js';
import { emptyWorld, type Entity, type Input, type Outgoing, type World } from '../world/types.js';
import { combatCommands } from './commands/index.js';
import { itemCommands } from '../items/commands/index.js';
import { CombatManager } from './combat-manager.js';
import { combatant, playerCombatant, type CombatStats, type Fighter, type Weapon } from './combatant.js';
import { DEFAULT_ABILITIES } from './abilities/default-abilities.js';
import type { Effect } from '../world/effects.js';

/** Test helpers for combat: fighters, a seeded random source and a tick runner. */

export const DT = 1 / 20;
export const STATS: CombatStats = { strength: 10, agility: 10, intellect: 10, speed: 10 };
const SWORD: Weapon = { name: 'Sword', delay: 2, minDamage: 5, maxDamage: 5, range: 2.5 };

/** mulberry32: a tiny seeded generator, so tests repeat exactly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns the given numbers in turn, then `rest` forever. */
export function sequence(values: readonly number[], rest = 0.5): () => number {
  let i = 0;
  return () => (i < values.length ? values[i++]! : rest);
}

export function fighter(
  name: string,
  x: number,
  y: number,
  options: { stats?: Partial<CombatStats>; weapon?: Weapon; level?: number; resources?: Partial<Resources>; atb?: number } = {},
): Fighter {
  const base = player(name, x, y);
  const resources = { ...base.player!.resources, ...options.resources };
  const combat = playerCombatant({
    stats: { ...STATS, ...options.stats },
    weapon: options.weapon ?? SWORD,
    abilities: DEFAULT_ABILITIES,
    xp: 0,
    inventory: [],
  });
  return {
    ...base,
    player: { ...base.player!, level: options.level ?? 1, resources },
    combat: { ...combat, state: { ...combat.state, atb: options.atb ?? 0 } },
  };
}

export function wolf(
  x: number,
  y: number,
  options: {
    hp?: number;
    retaliate?: boolean;
    onDeath?: 'remove' | 'keep';
    xpValue?: number;
    loot?: { itemId: string; chance: number; quantity: number }[];
  } = {},
): Fighter {
  const hp = options.hp ?? 30;
  const resources = { hp, maxHp: hp, stamina: 0, maxStamina: 0, mana: 0, maxMana: 0 };
  const jaws: Weapon = { name: 'Jaws', delay: 2, minDamage: 3, maxDamage: 3, range: 2 };
  const entity: Entity = { id: 'w:1', kind: 'wildlife', name: 'Wolf', x, y, z: 0, heading: 0, maxSpeed: 6, intent: { kind: 'idle' } };
  return {
    ...entity,
    combat: combatant(STATS, resources, jaws, {
      level: 2,
      retaliate: options.retaliate ?? false,
      onDeath: options.onDeath ?? 'remove',
      ...(options.xpValue !== undefined ? { xpValue: options.xpValue } : {}),
      loot: (options.loot ?? []).map(({ itemId, chance, quantity }) => ({ itemId, chance, minQuantity: quantity, maxQuantity: quantity })),
    }),
  };
}

/** A wildlife creature standing still where `place` puts it, with `hp` health and no stamina or mana, fighting with `weapon`. */
export function standingCreature(
  place: Pick<Entity, 'id' | 'name' | 'x' | 'y'> & Partial<Entity>,
  fight: { stats: CombatStats; hp: number; weapon: Weapon; options?: Parameters<typeof combatant>[3] },
): Entity {
  const resources = { hp: fight.hp, maxHp: fight.hp, stamina: 0, maxStamina: 0, mana: 0, maxMana: 0 };
  return {
    kind: 'wildlife',
    z: 0,
    heading: 0,
    maxSpeed: 0,
    intent: { kind: 'idle' },
    ...place,
    combat: combatant(fight.stats, resources, fight.weapon, fight.options),
  };
}

/** A world in the test zone made open to player-versus-player fights (zone/src/combat/pvp), so players can fight each other in tests. */
export function worldOf(...entities: Entity[]): World {
  return { ...emptyWorld({ ...testZone, pvp: 'open' }), entities: new Map(entities.map((entity) => [entity.id, entity])) };
}

export interface Run {
  world: World;
  outgoing: Outgoing[];
  effects: Effect[];
}

/** Steps the world with combat: `inputs[i]` go into tick i; runs `ticks` ticks in all. */
export function run(world: World, ticks: number, options: { inputs?: Input[][]; random?: () => number; manager?: CombatManager } = {}): Run {
  const context = {
    rules: DEFAULT_RULES,
    commands: defaultCommands(combatCommands(), itemCommands()),
    systems: [options.manager ?? new CombatManager()],
    random: options.random ?? seeded(1),
    now: () => 0,
  };
  let current = world;
  const outgoing: Outgoing[] = [];
  const effects: Effect[] = [];
  for (let i = 0; i < ticks; i++) {
    const result = step(current, options.inputs?.[i] ?? [], DT, context);
    current = result.world;
    outgoing.push(...result.outgoing);
    effects.push(...result.effects);
  }
  return { world: current, outgoing, effects };
}

export const command = (entityId: string, text: string): Input => ({ kind: 'command', entityId, text });

export function texts(outgoing: readonly Outgoing[], to: string): string[] {
  return outgoing.flatMap((o) => (o.to === to && o.event === 'event' ? [o.data.text] : o.to === to && o.event === 'error' ? [`error: ${o.data.message}`] : []));
}

export function get(world: World, id: string): Fighter {
  return world.entities.get(id) as Fighter;
}
