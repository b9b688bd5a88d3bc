import type { GameWrites } from '../ports.js';
import type { EffectHandlers } from './effect-router.js';

type QuestHandlers = Required<Pick<EffectHandlers, 'quest'>>;

/**
 * Hands quest-log changes to the outbox, like progress.ts does experience and
 * bag slots: a change joins the same tick's others for the character in one
 * fenced change set (an accepted, advanced, turned-in or abandoned quest).
 */
export function questHandlers(writes: Pick<GameWrites, 'add'>): QuestHandlers {
  return {
    quest: async ({ characterId, questId, status, progress }, origin) => writes.add(characterId, origin, { quest: { questId, status, progress } }),
  };
}
