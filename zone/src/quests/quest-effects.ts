/**
 * Write-through of one quest-log change (zone/src/server/effects/quest-handlers.ts):
 * `abandoned` deletes the row. It joins the tick's other changes for the
 * character (bags, coins, progress) in one change set, so a turn-in's reward
 * and its `done` commit together.
 */
export interface QuestEffect {
  kind: 'quest';
  characterId: string;
  questId: string;
  status: 'active' | 'done' | 'abandoned';
  progress: number;
}

// Registers this feature's effect with the kernel's Effect union (zone/src/world/effects.ts).
declare module '../world/effects.js' {
  interface EffectMap {
    quest: QuestEffect;
  }
}
