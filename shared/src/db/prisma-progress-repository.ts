import type { ProgressSave } from './combat-records.js';
import type { PrismaClient } from './generated/client.js';
import type { ProgressRepository } from './progress-repository.js';
import { isUuid } from './uuid.js';

export class PrismaProgressRepository implements ProgressRepository {
  constructor(private readonly client: PrismaClient) {}

  async saveProgress(characterId: string, progress: ProgressSave): Promise<boolean> {
    if (!isUuid(characterId)) return false;
    const { level, xp, stats, maxHp, maxStamina, maxMana } = progress;
    try {
      const { count } = await this.client.character.updateMany({
        where: { id: characterId },
        data: { level, xp, strength: stats.strength, agility: stats.agility, intellect: stats.intellect, speed: stats.speed, maxHp, maxStamina, maxMana },
      });
      return count > 0;
    } catch (error) {
      throw new Error(`could not save the progress of character ${characterId}`, { cause: error });
    }
  }
}
