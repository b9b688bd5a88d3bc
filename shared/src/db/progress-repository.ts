import type { ProgressSave } from './combat-records.js';

export interface ProgressRepository {
  /** Writes level, xp, stats and maximum pools; false when the character no longer exists. */
  saveProgress(characterId: string, progress: ProgressSave): Promise<boolean>;
}
