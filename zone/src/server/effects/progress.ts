import type { AbilityRepository, InventoryRepository, ProgressRepository } from '@aether/shared/db';
import type { EffectHandlers } from './effect-router.js';

export interface ProgressStores {
  progress: ProgressRepository;
  abilities: AbilityRepository;
  inventory: InventoryRepository;
}

type ProgressHandlers = Required<Pick<EffectHandlers, 'progress' | 'ability_learned' | 'inventory'>>;

/**
 * Writes experience, levels, learned abilities and bag slots through to the
 * database as soon as a tick produces them (docs/design.md §7). The router runs
 * effects concurrently, so one character's writes are queued behind each
 * other: an older level or slot can never land after a newer one.
 */
export function progressHandlers(stores: ProgressStores): ProgressHandlers {
  const inOrder = serialPerKey();
  return {
    progress: (effect) =>
      inOrder(effect.characterId, async () => {
        const { characterId, level, xp, stats, maxHp, maxStamina, maxMana } = effect;
        await stores.progress.saveProgress(characterId, { level, xp, stats, maxHp, maxStamina, maxMana });
      }),
    ability_learned: (effect) => inOrder(effect.characterId, () => stores.abilities.learn(effect.characterId, effect.abilityId)),
    inventory: (effect) => inOrder(effect.characterId, () => stores.inventory.setSlot(effect.characterId, effect.slot, effect.itemId, effect.quantity)),
  };
}

/** Runs work for the same key one after another (a failure does not block the next); different keys run side by side. */
export function serialPerKey(): (key: string, work: () => Promise<unknown>) => Promise<void> {
  const tails = new Map<string, Promise<void>>();
  return (key, work) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(work).then(() => undefined);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
