import type { GameWrites } from '../ports.js';
import type { EffectHandlers } from './effect-router.js';

type ProgressHandlers = Required<Pick<EffectHandlers, 'progress' | 'ability_learned' | 'inventory' | 'coins' | 'loot_window'>>;

/**
 * Hands experience, levels, learned abilities, bag slots, coins and the loot window to the outbox as
 * soon as a tick produces them (docs/design.md §7). The outbox writes each
 * character's changes in order, in one fenced transaction per change set, and
 * retries them through a transient database error (docs/database.md, "Fenced
 * game writes"); the handler itself never waits for the database.
 */
export function progressHandlers(writes: Pick<GameWrites, 'add'>, clock: () => number = Date.now): ProgressHandlers {
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
    loot_window: async ({ characterId, window }, origin) => {
      // Stored against the wall clock: the next owner's world time is its own.
      const lootWindow = window && {
        from: window.from,
        items: window.items.map((drop) => ({ ...drop })),
        expiresAt: Math.round(clock() + window.expiresIn * 1000),
      };
      writes.add(characterId, origin, { lootWindow });
    },
  };
}
