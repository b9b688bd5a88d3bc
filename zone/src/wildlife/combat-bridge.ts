import type { Resources } from '@aether/shared';
import { combatant, isDead, isFighter, resourcesOf, withCombat, withResources, withState } from '../combat/combatant.js';
import type { Entity } from '../world/types.js';
import type { Armament, CreatureCombat } from './creature-combat.js';

function pools(hp: number): Resources {
  // Creatures have no abilities to pay for; stamina is there only so pools look like everyone else's.
  return { hp, maxHp: hp, stamina: 100, maxStamina: 100, mana: 0, maxMana: 0 };
}

function statsOf({ stats }: Armament) {
  return { strength: stats.strength, agility: stats.agility, intellect: stats.intellect, speed: stats.speed };
}

/**
 * Wildlife over zone/src/combat: creatures are fighters that the combat
 * system swings for and kills. Skittish species do not hit back (they run);
 * the others retaliate. Bodies are kept (`onDeath: 'keep'`) so the wildlife
 * system sees the death, leaves the body a moment and times the respawn.
 */
export const creatureCombat: CreatureCombat = {
  arm(creature, armament) {
    const weapon = { name: 'bite', ...armament.weapon };
    const fighter = combatant(statsOf(armament), pools(armament.stats.hp), weapon, {
      level: armament.level,
      retaliate: armament.temperament !== 'skittish',
      onDeath: 'keep',
      loot: armament.loot,
    });
    return { ...creature, combat: fighter };
  },

  grow(creature, armament) {
    if (!isFighter(creature)) return this.arm(creature, armament);
    const before = resourcesOf(creature);
    const maxHp = armament.stats.hp;
    // Growing heals nothing and hurts nothing: the damage it has taken stays taken.
    const hp = Math.max(1, Math.min(maxHp, maxHp - (before.maxHp - before.hp)));
    const grown = withCombat(creature, { stats: statsOf(armament), level: armament.level });
    return withResources(grown, { ...before, hp, maxHp });
  },

  isDead: (entity) => isDead(entity),

  diedAt: (entity) => entity.combat?.state.diedAt,

  foe(creature) {
    const state = creature.combat?.state;
    return state?.autoAttacking ? state.targetId : undefined;
  },

  attackers(creature) {
    const state = creature.combat?.state;
    return state?.inCombat ? Object.keys(state.damagedBy) : [];
  },

  engage(creature, targetId, now) {
    if (!isFighter(creature)) return creature;
    return withState(creature, { targetId, autoAttacking: true, inCombat: true, lastHostileAt: now });
  },

  reset(creature): Entity {
    if (!isFighter(creature)) return creature;
    const calm = withState(creature, { targetId: undefined, autoAttacking: false, inCombat: false, damagedBy: {}, casting: undefined });
    const r = resourcesOf(calm);
    return withResources(calm, { ...r, hp: r.maxHp });
  },
};
