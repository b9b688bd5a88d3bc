import type { GameWrites } from '../ports.js';
import type { EffectHandlers } from './effect-router.js';

type ProgressHandlers = Required<Pick<EffectHandlers, 'progress' | 'ability_learned' | 'inventory' | 'coins'>>;

/**
 * Hands experience, levels, learned abilities and bag slots to the outbox as
 * soon as a tick produces them (docs/design.md §7). The outbox writes each
 * character's changes in order, in one fenced transaction per change set, and
 * retries them through a transient database error (docs/database.md, "Fenced
 * game writes"); the handler itself never waits for the database.
 */
export function progressHandlers(writes: Pick<GameWrites, 'add'>): ProgressHandlers {
  return {
    progress: async (effect, origin) => {
      const { characterId, level, xp, stats, maxHp, maxStamina, maxMana } = effect;
      writes.add(characterId, origin, { progress: { level, xp, stats: { ...stats }, maxHp, maxStamina, maxMana } });
    },
    ability_learned: async (effect, origin) => writes.add(effect.characterId, origin, { learned: effect.abilityId }),
    inventory: async (effect, origin) => {
      const { characterId, slot, itemId, quantity } = effect;
      writes.add(characterId, origin, { slot: { slot, itemId, quantity } });
    },
    coins: async (effect, origin) => writes.add(effect.characterId, origin, { coins: effect.coins }),
  };
}
